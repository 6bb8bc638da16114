import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/model';
import { describeCommand } from '../../src/scenario';

const labels = { eu: 'Frankfurt', us: 'Virginia', ap: 'Tokyo' };
type WriteCommand = Extract<Command, { type: 'write' }>;
const write = (key: string, op: WriteCommand['op']): WriteCommand => ({
  at: 0,
  type: 'write',
  node: 'eu',
  key,
  op,
});

describe('describeCommand', () => {
  it('says what each write does, with the leader’s label', () => {
    expect(describeCommand(write('title', { type: 'set', value: 'A' }), labels)).toBe('Frankfurt writes title = "A"');
    expect(describeCommand(write('title', { type: 'delete' }), labels)).toBe('Frankfurt deletes title');
    expect(describeCommand(write('cart', { type: 'add', item: 'milk' }), labels)).toBe('Frankfurt adds "milk" to cart');
    expect(describeCommand(write('cart', { type: 'remove', item: 'milk' }), labels)).toBe(
      'Frankfurt removes "milk" from cart',
    );
    expect(describeCommand(write('likes', { type: 'increment', by: 3 }), labels)).toBe('Frankfurt adds 3 to likes');
    expect(describeCommand(write('likes', { type: 'increment', by: -2 }), labels)).toBe(
      'Frankfurt subtracts 2 from likes',
    );
    expect(describeCommand(write('notes', { type: 'insert', index: 2, text: 'hi' }), labels)).toBe(
      'Frankfurt inserts "hi" into notes at 2',
    );
    expect(describeCommand(write('notes', { type: 'delete', index: 0, length: 1 }), labels)).toBe(
      'Frankfurt deletes 1 character of notes at 0',
    );
    expect(describeCommand(write('cart', { type: 'replace', value: ['a', 'b'] }), labels)).toBe(
      'Frankfurt resolves cart to {a, b}',
    );
    expect(describeCommand(write('orders', { type: 'insertRow', value: 'book' }), labels)).toBe(
      'Frankfurt inserts the row "book" into orders',
    );
  });

  it('names the context a write read, and shortens long text', () => {
    const withContext: Command = { ...write('title', { type: 'set', value: 'B' }), context: { eu: 1, us: 0 } };
    expect(describeCommand(withContext, labels)).toBe('Frankfurt writes title = "B", having read {Frankfurt: 1}');
    const long = describeCommand(write('title', { type: 'set', value: 'x'.repeat(500) }));
    expect(long.length).toBeLessThan(70);
    expect(long).toContain('…');
  });

  it('says what each fault and clock change does, falling back to ids', () => {
    const cases: [Command, string][] = [
      [{ at: 0, type: 'cut-link', a: 'eu', b: 'us' }, 'cut the link Frankfurt–Virginia'],
      [{ at: 0, type: 'heal-link', a: 'eu', b: 'us' }, 'heal the link Frankfurt–Virginia'],
      [
        { at: 0, type: 'set-link-latency', a: 'us', b: 'ap', latencyMs: 250 },
        'set the latency of Virginia–Tokyo to 250 ms',
      ],
      [{ at: 0, type: 'crash', node: 'ap' }, 'Tokyo crashes'],
      [{ at: 0, type: 'recover', node: 'ap' }, 'Tokyo recovers'],
      [{ at: 0, type: 'disconnect', node: 'eu' }, 'Frankfurt goes offline'],
      [{ at: 0, type: 'reconnect', node: 'eu' }, 'Frankfurt comes back online'],
      [{ at: 0, type: 'set-clock-skew', node: 'eu', skewMs: -300 }, 'Frankfurt’s clock runs 300 ms behind'],
      [{ at: 0, type: 'set-clock-skew', node: 'eu', skewMs: 50 }, 'Frankfurt’s clock runs 50 ms ahead'],
      [{ at: 0, type: 'set-clock-skew', node: 'eu', skewMs: 0 }, 'Frankfurt’s clock runs on true time'],
    ];
    for (const [cmd, sentence] of cases) expect(describeCommand(cmd, labels)).toBe(sentence);
    expect(describeCommand({ at: 0, type: 'crash', node: 'xx' }, labels)).toBe('xx crashes');
    expect(describeCommand({ at: 0, type: 'crash', node: 'toString' }, labels)).toBe('toString crashes');
  });
});

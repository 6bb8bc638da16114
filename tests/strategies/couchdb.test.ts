/**
 * Custom logic on read, as CouchDB does it (`system: 'couchdb'`) beside Riak with a causal
 * context (`system: 'riak'`, the default). CouchDB's own documentation, `replication/conflicts.rst`
 * in apache/couchdb ("Working with conflicting documents"): "The basic GET /db/bob operation will
 * not show you any information about conflicts. You see only the deterministically-chosen
 * winner"; `?conflicts=true` adds `_conflicts`; views only get the winning revision; a conflict is
 * resolved by updating the winner and deleting the other revisions (a `_bulk_docs` with
 * `"_deleted": true`). Winner (couch_doc.erl; Jens Alfke on user@couchdb, 2013): a live leaf beats a
 * deleted one, then the higher generation, then the lexicographically higher revision id.
 */
import { describe, expect, it } from 'vitest';
import { convergedValues, lostWriteIds, type StrategyConfig } from '../../src/model';
import { compareRevisions, couchLeaves } from '../../src/strategies/custom';
import { checkStrategy, shownOptions, strategyArgTypes } from '../../src/strategies/catalog';
import { eventsOf, sim, values } from '../model/fixtures';

/** Frankfurt, Virginia and Tokyo each write title while cut off, then every link heals. */
function threeLeaves(strategy: StrategyConfig) {
  const s = sim({ strategy });
  s.cutLink('eu', 'us');
  s.cutLink('eu', 'ap');
  s.cutLink('us', 'ap');
  s.write('eu', 'title', { type: 'set', value: 'A' });
  s.write('us', 'title', { type: 'set', value: 'B' });
  s.write('ap', 'title', { type: 'set', value: 'C' });
  s.healLink('eu', 'us');
  s.healLink('eu', 'ap');
  s.healLink('us', 'ap');
  s.runUntilQuiescent();
  return s;
}

const couch = { kind: 'custom', on: 'read', system: 'couchdb' } as const;
const leavesAt = (s: ReturnType<typeof sim>, node: string) =>
  couchLeaves(s.snapshot().nodes.find((n) => n.id === node)?.keys.title?.state);

describe('custom on read, CouchDB', () => {
  it('a plain read gives the winner silently; only asking (?conflicts=true) lists the other leaves', () => {
    const s = threeLeaves(couch);
    const read = s.read('ap', 'title');
    expect(read.conflicts).toEqual([]);
    const leaves = leavesAt(s, 'ap');
    expect(leaves?.conflicts).toHaveLength(2);
    // The winner is the one CouchDB's sort puts first, and every replica picks it with no talk.
    const all = [leaves?.winner, ...(leaves?.conflicts ?? [])].map((l) => ({ rev: l?.rev ?? '', deleted: false }));
    expect([...all].sort(compareRevisions)[0]?.rev).toBe(leaves?.winner.rev);
    expect(read.value).toBe(leaves?.winner.value);
    expect(new Set(Object.values(values(s, 'title')))).toEqual(new Set([read.value]));
    // The conflict is still recorded (the lab is omniscient) and says the read hides it.
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c?.explanation).toMatch(/A plain read, and every view, shows .* silently/);
  });

  it('writing over the winner updates that leaf only: the other leaves stay until deleted', () => {
    const s = threeLeaves(couch);
    const before = leavesAt(s, 'eu');
    s.write('eu', 'title', { type: 'set', value: 'D' });
    s.runUntilQuiescent();
    for (const node of ['eu', 'us', 'ap']) {
      const after = leavesAt(s, node);
      // The new revision (a child of the old winner, so a longer history) wins; the two losers remain.
      expect(after?.winner.value).toBe('D');
      expect(after?.conflicts.map((l) => l.rev).sort()).toEqual(before?.conflicts.map((l) => l.rev).sort());
    }
    expect(s.read('us', 'title')).toMatchObject({ value: 'D', conflicts: [] });
  });

  it('resolving (update the winner, delete the losing leaves) leaves one leaf and loses nothing', () => {
    const s = threeLeaves(couch);
    const losers = leavesAt(s, 'us')?.conflicts ?? [];
    s.resolve('us', 'title', losers[0]?.value ?? null);
    s.runUntilQuiescent();
    for (const node of ['eu', 'us', 'ap']) expect(leavesAt(s, node)?.conflicts).toEqual([]);
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual([]);
  });

  it('a counter incremented on two leaders keeps both leaves: the read shows the winner, the other increments wait in a hidden leaf, not lost', () => {
    const s = sim({ strategy: couch });
    s.cutLink('eu', 'us');
    s.cutLink('eu', 'ap');
    s.cutLink('us', 'ap');
    const eu = s.write('eu', 'likes', { type: 'increment', by: 2 });
    const us = s.write('us', 'likes', { type: 'increment', by: 5 });
    s.healLink('eu', 'us');
    s.healLink('eu', 'ap');
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    if (!eu.ok || !us.ok) throw new Error('write refused');
    const likesAt = (node: string) => couchLeaves(s.snapshot().nodes.find((n) => n.id === node)?.keys.likes?.state);
    const leaves = likesAt('ap');
    const read = s.read('ap', 'likes');
    expect(read.conflicts).toEqual([]);
    expect(read.value).toBe(leaves?.winner.value);
    // Both increments are kept, one in the winner and one in the hidden leaf: nothing discarded, nothing lost.
    const kept = [leaves?.winner, ...(leaves?.conflicts ?? [])].flatMap((l) => l?.increments ?? []);
    expect(kept.sort()).toEqual([eu.writeId, us.writeId].sort());
    expect(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded)).toEqual([]);
    // An increment updates the winner's leaf only (read, add, write back): the other leaf stays as it was.
    const hidden = leaves?.conflicts[0];
    s.write('ap', 'likes', { type: 'increment', by: 1 });
    s.runUntilQuiescent();
    for (const node of ['eu', 'us', 'ap']) {
      const after = likesAt(node);
      expect(after?.winner.value).toBe(Number(leaves?.winner.value) + 1);
      expect(after?.conflicts).toEqual([hidden]);
    }
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual([]);
  });

  it('a leader writing twice over the winner keeps its own earlier losing leaf (a lower dot of the same leader is not seen)', () => {
    const s = sim({ strategy: couch });
    s.cutLink('eu', 'us');
    s.cutLink('eu', 'ap');
    s.cutLink('us', 'ap');
    s.write('eu', 'title', { type: 'set', value: 'A' });
    s.write('us', 'title', { type: 'set', value: 'B' });
    s.healLink('eu', 'us');
    s.healLink('eu', 'ap');
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    // The leader whose leaf lost writes over the winner, twice: each write updates the winner's leaf only.
    const loser = leavesAt(s, 'eu')?.conflicts[0];
    const writer = loser?.value === 'A' ? 'eu' : 'us';
    s.write(writer, 'title', { type: 'set', value: 'C' });
    s.runUntilQuiescent();
    s.write(writer, 'title', { type: 'set', value: 'D' });
    s.runUntilQuiescent();
    for (const node of ['eu', 'us', 'ap']) {
      expect(leavesAt(s, node)?.winner.value).toBe('D');
      expect(leavesAt(s, node)?.conflicts).toEqual([loser]);
    }
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual([]);
  });

  it('Riak with a causal context differs: the read lists every sibling and a plain write replaces them all', () => {
    const s = threeLeaves({ kind: 'custom', on: 'read', system: 'riak' });
    expect(s.read('ap', 'title').conflicts).toHaveLength(2);
    s.write('eu', 'title', { type: 'set', value: 'D' });
    s.runUntilQuiescent();
    expect(s.read('ap', 'title')).toMatchObject({ value: 'D', conflicts: [] });
    expect(leavesAt(s, 'ap')?.conflicts).toEqual([]);
  });

  it('is declared in the catalog: Riak by default, CouchDB by name, so the picker and Storybook show it', () => {
    expect(checkStrategy({ kind: 'custom', on: 'read' }, { registered: { resolvers: [], merges: [] } })).toEqual({
      ok: true,
      config: { kind: 'custom', on: 'read', system: 'riak' },
    });
    expect(shownOptions({ kind: 'custom', on: 'read' }).map((o) => o.key)).toEqual(['system']);
    expect(shownOptions({ kind: 'custom', on: 'write' }).map((o) => o.key)).toEqual(['resolver']);
    const control = strategyArgTypes().customSystem;
    expect(control?.options).toEqual(['riak', 'couchdb']);
    expect(control?.if).toEqual({ arg: 'strategy', eq: 'custom-read' });
    const refused = checkStrategy(
      { kind: 'custom', on: 'write', system: 'couchdb' },
      {
        registered: { resolvers: [], merges: [] },
      },
    );
    expect(refused).toEqual({ ok: false, problems: [{ path: 'system', message: 'applies only with on "read"' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { decodeScenario, encodeScenario, ENCODING_PREFIX, recordScenario } from '../../src/scenario';
import { fromBase64Url, toBase64Url } from '../../src/scenario/codec';
import { config, validScenario } from './fixtures';

describe('encodeScenario and decodeScenario', () => {
  it('round-trip a scenario through URL-safe text', () => {
    const s = validScenario();
    const text = encodeScenario(s);
    expect(text.startsWith(ENCODING_PREFIX)).toBe(true);
    expect(text).toMatch(/^mll1\.[A-Za-z0-9_-]+$/);
    expect(decodeScenario(text)).toEqual({ ok: true, scenario: s });
  });

  it('round-trip a recorded run', () => {
    const sim = createSimulation(config);
    sim.write('eu', 'title', { type: 'set', value: 'Hello' });
    sim.advance(40);
    sim.write('us', 'title', { type: 'set', value: 'World' });
    sim.runUntilQuiescent();
    const s = recordScenario(sim, { title: 'Two writes' });
    const r = decodeScenario(encodeScenario(s));
    expect(r).toEqual({ ok: true, scenario: JSON.parse(JSON.stringify(s)) as unknown });
  });

  it('answer truncated, garbled or foreign text with a polite error', () => {
    const text = encodeScenario(validScenario());
    for (const bad of [
      '',
      'hello',
      text.slice(0, 10),
      text.slice(0, -1),
      text.slice(0, -3),
      `${text.slice(0, 20)}!${text.slice(21)}`,
      `${ENCODING_PREFIX}AAAA`,
    ]) {
      const r = decodeScenario(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors[0]?.message).toMatch(/link|scenario|format|JSON/);
    }
  });

  it('base64url round-trips every byte length and refuses stray characters', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n) & 255);
      const text = toBase64Url(bytes);
      expect(text).not.toContain('=');
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

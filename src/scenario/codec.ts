import { deflateSync, Inflate } from 'fflate';
import { SCENARIO_DICTIONARY } from './dictionary';
import { LIMITS } from './limits';
import { parseScenario } from './parse';
import type { Registered } from './registered';
import type { ParseResult, Scenario } from './types';

/**
 * Scenarios as short URL-safe text for share links: `mll1.` then base64url (no padding) of
 * the scenario's JSON, raw-deflated with a preset dictionary of the format's vocabulary.
 * fflate (MIT, about 8 kB, no dependencies) does the deflate: it is synchronous, which the
 * platform's CompressionStream is not, and it takes a preset dictionary, which is what brings a
 * 50-command scenario under 2,000 characters.
 */

export const ENCODING_PREFIX = 'mll1.';

/** Inflate works through the text in slices this small, so a bomb is stopped early. */
const INFLATE_SLICE = 256;

/**
 * @example
 * const link = `#/lab?s=${encodeScenario(recordScenario(sim))}`;
 */
export function encodeScenario(scenario: Scenario): string {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return ENCODING_PREFIX + toBase64Url(deflateSync(json, { level: 9, mem: 8, dictionary: SCENARIO_DICTIONARY }));
}

/**
 * The scenario an `encodeScenario` text holds, checked like `parseScenario` checks JSON.
 * Never throws: truncated, garbled or foreign text answers `ok: false` with a polite message.
 */
export function decodeScenario(text: string, registered?: Registered): ParseResult {
  const refuse = (message: string): ParseResult => ({ ok: false, errors: [{ path: '', message }] });
  try {
    if (typeof text !== 'string') return refuse('a shared scenario is text (the part of the link after "s=")');
    if (text.length > LIMITS.maxEncodedChars) {
      return refuse(`this link is too long to be a scenario (${text.length.toLocaleString('en')} characters)`);
    }
    const body = text.trim();
    if (!body.startsWith(ENCODING_PREFIX)) {
      return refuse(
        `this is not a Multi-Leader Lab scenario link (it should start with "${ENCODING_PREFIX}"); it may have been copied only in part`,
      );
    }
    const bytes = fromBase64Url(body.slice(ENCODING_PREFIX.length));
    if (bytes === null) {
      return refuse('this link has been changed or cut off: it holds characters a scenario link never has');
    }
    const inflated = inflateBounded(bytes);
    if (inflated === 'too-large') {
      return refuse(
        `this link unpacks to more than ${LIMITS.maxInflatedBytes.toLocaleString('en')} bytes, more than any scenario`,
      );
    }
    if (inflated === null) {
      return refuse('this link is incomplete or damaged (it may have been cut off when it was copied)');
    }
    let json: string;
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return refuse('this link is damaged: it does not unpack to text');
    }
    return parseScenario(json, registered);
  } catch {
    return refuse('this link could not be read');
  }
}

/** Inflate with the dictionary, at most `LIMITS.maxInflatedBytes`; null when the stream is broken. */
function inflateBounded(bytes: Uint8Array): Uint8Array | 'too-large' | null {
  const chunks: Uint8Array[] = [];
  const state = { size: 0, tooLarge: false, ended: false };
  const inflater = new Inflate({ dictionary: SCENARIO_DICTIONARY }, (chunk, final) => {
    state.size += chunk.length;
    if (state.size > LIMITS.maxInflatedBytes) {
      state.tooLarge = true;
      throw new Error('too large');
    }
    chunks.push(chunk);
    if (final) state.ended = true;
  });
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE) {
      const end = Math.min(at + INFLATE_SLICE, bytes.length);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
    }
    if (bytes.length === 0) inflater.push(new Uint8Array(0), true);
  } catch {
    return state.tooLarge ? 'too-large' : null;
  }
  if (state.tooLarge) return 'too-large';
  if (!state.ended) return null;
  const out = new Uint8Array(state.size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Map(Array.from({ length: ALPHABET.length }, (_, i) => [ALPHABET.charAt(i), i]));

/** RFC 4648 §5 base64url, without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const left = bytes.length - i;
    out += (ALPHABET[(n >> 18) & 63] ?? '') + (ALPHABET[(n >> 12) & 63] ?? '');
    if (left > 1) out += ALPHABET[(n >> 6) & 63] ?? '';
    if (left > 2) out += ALPHABET[n & 63] ?? '';
  }
  return out;
}

/** The bytes of base64url text (no padding), or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of text) {
    const value = VALUE_OF.get(c);
    if (value === undefined) return null;
    acc = (acc << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  // The leftover bits of the last character are padding: an encoder leaves them zero.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

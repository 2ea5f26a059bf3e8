/**
 * A `/usercache/put` body made ready for the upload inbox, from its bytes: parsed, every entry
 * checked, and each accepted entry's data taken from the body as the phone wrote it (a slice of
 * its bytes) instead of written again by JSON.stringify, which cost as much as the parse. Pure,
 * no I/O: it runs in the put's threads ({@link PhoneBatchThreads}).
 */
import { isUtf8 } from 'node:buffer';
import secureJson = require('secure-json-parse');
import {
  checkPhoneEntries,
  DATA_SEPARATOR,
  type EntryCheck,
  type EntryKind,
  type PhoneEntry,
  type RefusedEntry,
  UNSTORABLE,
} from './phone-entries';

/** Twice the app's largest batch: more is not a phone (and would cost memory to refuse one by one). */
export const MAX_ENTRIES_PER_PUT = 20_000;

/** A put's accepted entries in the inbox's column form (`openpath_uploads`). */
export interface InboxBatch {
  entries: number;
  /** The distinct (key, type, platform, time zone) of the entries, first seen first. */
  kinds: EntryKind[];
  /** Per entry, comma-joined: its index in {@link kinds}, its write time, its time (seconds). */
  kindOf: string;
  writeTs: string;
  ts: string;
  /** Each entry's data as JSON text in UTF-8, joined by {@link DATA_SEPARATOR}; null when none. */
  data: Uint8Array | null;
}

export type PutProblem = 'malformed-json' | 'malformed-body' | 'too-many-entries';

/** What a put's body holds; `user` (the login token) is read even from a body refused whole. */
export type PreparedPut =
  | { ok: true; user: unknown; received: number; refused: RefusedEntry[]; batch: InboxBatch }
  | { ok: false; user: unknown; problem: PutProblem; message: string };

/** A prepared put without its batch (which stays where it was prepared until stored). */
export type PutSummary =
  | { ok: true; user: unknown; received: number; refused: RefusedEntry[]; accepted: number }
  | { ok: false; user: unknown; problem: PutProblem; message: string };

export function summaryOf(prepared: PreparedPut): PutSummary {
  if (!prepared.ok) return prepared;
  const { user, received, refused, batch } = prepared;
  return { ok: true, user, received, refused, accepted: batch.entries };
}

const BYTE = {
  tab: 0x09,
  newline: 0x0a,
  return: 0x0d,
  space: 0x20,
  quote: 0x22,
  comma: 0x2c,
  colon: 0x3a,
  openBracket: 0x5b,
  backslash: 0x5c,
  closeBracket: 0x5d,
  openBrace: 0x7b,
  closeBrace: 0x7d,
} as const;
const PHONE_TO_SERVER = Buffer.from('"phone_to_server"');
const DATA = Buffer.from('"data"');
const SEPARATOR = Buffer.from(DATA_SEPARATOR);
const ESCAPE = Buffer.from('\\u');
// Any key that poisons a prototype spells it: `__proto__`, or `constructor` holding `prototype`.
const PROTO = Buffer.from('proto');

/**
 * JSON.parse with Fastify's guard against prototype poisoning (the api's other JSON bodies have
 * it), for the texts of one body. The guard scans each text twice with regular expressions: it
 * runs only when the body's bytes could spell a forbidden key, literally or escaped (one search
 * each, on a rare byte or a whole word).
 */
function parserFor(bytes: Buffer): (text: string) => unknown {
  return bytes.includes(ESCAPE) || bytes.includes(PROTO)
    ? (text) => secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' })
    : (text) => JSON.parse(text);
}

const isWhitespace = (c: number) => c === BYTE.space || c === BYTE.newline || c === BYTE.return || c === BYTE.tab;

/** The bytes from `start` to `end` are exactly `key`'s. */
function spells(b: Uint8Array, start: number, end: number, key: Uint8Array): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (b[start + i] !== key[i]) return false;
  return true;
}

/** Where a body's entries and their data lie in its bytes (see {@link scanEntries}). */
export interface EntriesScan {
  /** The entries' array's `[`, the commas between its elements, its `]`: element k is between cuts k and k + 1. */
  cuts: number[];
  /**
   * Per element, where its `data` value lies (start, end); negative when it has none, or has a key
   * spelled with an escape (which may be a `data` JSON.parse reads and the bytes do not show).
   */
  spans: number[];
}

/**
 * Finds, in one pass over a body's bytes, its `phone_to_server` elements and each one's `data`
 * value, so that each entry is parsed on its own (the body is never one string of megabytes, which
 * cost the collector more than the parse) and its data stored as the phone wrote it. `null` when
 * the array cannot be found the same way JSON.parse would (spelled with an escape, or twice, or not
 * an array of the body's object): the body is then parsed whole and every entry written again.
 *
 * No call per value: a string followed by a colon is a key, and the depth says whose. Depth 1 is
 * the body's object, 2 the entries' array, 3 an entry's object. The bytes may be anything: what
 * is found is checked by parsing the elements and the body without them.
 */
export function scanEntries(b: Uint8Array): EntriesScan | null {
  const n = b.length;
  const cuts: number[] = [];
  const spans: number[] = [];
  /** 0: not seen; 1: its key read; 2: inside its array; 3: past it. */
  let entries = 0;
  let depth = 0;
  let element = 0;
  let empty = true;
  let dataStart = -1;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === BYTE.quote) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = b[i];
        if (d === BYTE.quote) break;
        if (d === BYTE.backslash) {
          escaped = true;
          i++;
        }
      }
      if (depth === 2 && entries === 2) empty = false;
      if (depth !== 1 && !(depth === 3 && entries === 2)) continue;
      let colon = i + 1;
      while (colon < n && isWhitespace(b[colon])) colon++;
      if (b[colon] !== BYTE.colon) continue;
      if (depth === 1) {
        if (escaped) return null;
        if (spells(b, start, i + 1, PHONE_TO_SERVER)) {
          if (entries !== 0) return null;
          entries = 1;
        }
      } else if (escaped) {
        spans[2 * element] = spans[2 * element + 1] = -2;
      } else if (spells(b, start, i + 1, DATA) && spans[2 * element] !== -2) {
        // A later member wins, as in JSON.parse.
        dataStart = colon + 1;
        while (dataStart < n && isWhitespace(b[dataStart])) dataStart++;
      }
      i = colon;
    } else if (c === BYTE.openBrace || c === BYTE.openBracket) {
      if (depth === 1 && entries === 1) {
        if (c !== BYTE.openBracket) return null;
        entries = 2;
        cuts.push(i);
        spans.push(-1, -1);
      } else if (depth === 2 && entries === 2) {
        empty = false;
      }
      if (++depth === 4) {
        // Within an entry's member (its data, its metadata) nothing but the matching close
        // matters: a tighter loop takes it there (most of the body's bytes are in one).
        let j = i + 1;
        for (let nested = 1; j < n; j++) {
          const d = b[j];
          if (d === BYTE.quote) {
            for (j++; j < n && b[j] !== BYTE.quote; j++) if (b[j] === BYTE.backslash) j++;
          } else if (d === BYTE.openBrace || d === BYTE.openBracket) {
            nested++;
          } else if ((d === BYTE.closeBrace || d === BYTE.closeBracket) && --nested === 0) {
            break;
          }
        }
        i = j;
        depth = 3;
      }
    } else if (c === BYTE.closeBrace || c === BYTE.closeBracket || c === BYTE.comma) {
      if (depth === 3 && entries === 2 && dataStart >= 0) {
        let end = i;
        while (isWhitespace(b[end - 1])) end--;
        if (spans[2 * element] !== -2) {
          spans[2 * element] = dataStart;
          spans[2 * element + 1] = end;
        }
        dataStart = -1;
      }
      if (c === BYTE.comma) {
        if (depth === 2 && entries === 2) {
          element++;
          cuts.push(i);
          spans.push(-1, -1);
        }
      } else if (--depth === 1 && entries === 2) {
        entries = 3;
        cuts.push(i);
      }
    } else if (depth === 2 && entries === 2 && !isWhitespace(c)) {
      empty = false;
    }
  }
  if (entries !== 3) return null;
  // `[ ]`: no element, only its two cuts.
  return empty ? { cuts: [cuts[0], cuts[cuts.length - 1]], spans: [] } : { cuts, spans };
}

/** The entries as columns, what they share held once. */
function columns(entries: readonly PhoneEntry[], data: Uint8Array | null): InboxBatch {
  const kinds: EntryKind[] = [];
  const kindOf: number[] = [];
  const writeTs: number[] = [];
  const ts: number[] = [];
  const kindIndex = new Map<string, number>();
  let last: PhoneEntry | null = null;
  let lastKind = -1;
  for (const entry of entries) {
    // Consecutive entries are mostly of one kind: the look-up runs when the kind changes.
    if (
      last === null ||
      entry.key !== last.key ||
      entry.type !== last.type ||
      entry.platform !== last.platform ||
      entry.timeZone !== last.timeZone
    ) {
      const id = JSON.stringify([entry.key, entry.type, entry.platform, entry.timeZone]);
      lastKind = kindIndex.get(id) ?? -1;
      if (lastKind === -1) {
        lastKind = kinds.length;
        kindIndex.set(id, lastKind);
        kinds.push({ key: entry.key, type: entry.type, platform: entry.platform, time_zone: entry.timeZone });
      }
      last = entry;
    }
    kindOf.push(lastKind);
    writeTs.push(entry.writeTs);
    ts.push(entry.ts);
  }
  return {
    entries: entries.length,
    kinds,
    kindOf: kindOf.join(','),
    writeTs: writeTs.join(','),
    ts: ts.join(','),
    data,
  };
}

/**
 * The accepted entries ready for the inbox. Each one's data is the body's own bytes when the check
 * left it as sent, else JSON.stringify's. PostgreSQL's JSON cannot hold the NUL character nor half
 * of a surrogate pair (a `\u0000` or `\udxxx` escape): the entries carrying one are refused here.
 */
function inboxBatch(body: Buffer, check: EntryCheck, spans: readonly number[] | null): InboxBatch {
  const { accepted: entries, acceptedIndexes: indexes, refused } = check;
  // Escapes are rare in a phone's data: each entry is looked at only when the body has one.
  const escapes = body.includes(ESCAPE);
  const kept: PhoneEntry[] = [];
  const pieces: (Buffer | [number, number])[] = [];
  let size = 0;
  entries.forEach((entry, i) => {
    const index = indexes[i];
    const start = spans ? spans[2 * index] : -1;
    const end = spans ? spans[2 * index + 1] : -1;
    const own = !entry.rewritten && start >= 0;
    const written = own ? null : Buffer.from(JSON.stringify(entry.data));
    const text = () => (written ?? body.subarray(start, end)).toString('utf8');
    const escaped = written ? written.includes(ESCAPE) : escapes && body.subarray(start, end).includes(ESCAPE);
    if (escaped && UNSTORABLE.test(text())) {
      refused.push({ index, key: entry.key, reason: 'the entry contains a NUL character or a broken surrogate' });
      return;
    }
    kept.push(entry);
    pieces.push(written ?? [start, end]);
    size += (written ? written.length : end - start) + (kept.length > 1 ? SEPARATOR.length : 0);
  });
  if (kept.length === 0) return columns(kept, null);
  // Its own memory (never the shared pool's): the thread hands it over without a copy.
  const data = Buffer.allocUnsafeSlow(size);
  let at = 0;
  pieces.forEach((piece, i) => {
    if (i > 0) at += SEPARATOR.copy(data, at);
    at += Array.isArray(piece) ? body.copy(data, at, piece[0], piece[1]) : piece.copy(data, at);
  });
  refused.sort((a, b) => a.index - b.index);
  return columns(kept, data);
}

/** Parses and checks a put's body; never throws for what a phone (or anyone) may send. */
export function preparePut(body: Uint8Array, nowMs = Date.now(), maxEntries = MAX_ENTRIES_PER_PUT): PreparedPut {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const parse = parserFor(bytes);
  // Bodies that are not UTF-8 are read with replacement characters: their bytes are not stored.
  const scan = isUtf8(bytes) ? scanEntries(bytes) : null;
  let user: unknown;
  let entries: unknown;
  try {
    if (scan) {
      const { cuts } = scan;
      const count = scan.spans.length / 2;
      const rest = parse(bytes.toString('utf8', 0, cuts[0] + 1) + bytes.toString('utf8', cuts[cuts.length - 1]));
      user = (rest as { user?: unknown } | null)?.user;
      if (count > maxEntries) {
        return { ok: false, user, problem: 'too-many-entries', message: `at most ${maxEntries} entries` };
      }
      const list: unknown[] = new Array(count);
      for (let k = 0; k < count; k++) list[k] = parse(bytes.toString('utf8', cuts[k] + 1, cuts[k + 1]));
      entries = list;
    } else {
      const parsed = parse(bytes.toString('utf8')) as { user?: unknown; phone_to_server?: unknown } | null;
      user = parsed?.user;
      entries = parsed?.phone_to_server;
    }
  } catch (error) {
    return { ok: false, user: undefined, problem: 'malformed-json', message: (error as Error).message };
  }
  if (!Array.isArray(entries)) {
    return { ok: false, user, problem: 'malformed-body', message: 'phone_to_server must be an array of entries' };
  }
  if (entries.length > maxEntries) {
    return { ok: false, user, problem: 'too-many-entries', message: `at most ${maxEntries} entries` };
  }
  const check = checkPhoneEntries(entries, nowMs);
  return {
    ok: true,
    user,
    received: entries.length,
    refused: check.refused,
    batch: inboxBatch(bytes, check, scan?.spans ?? null),
  };
}

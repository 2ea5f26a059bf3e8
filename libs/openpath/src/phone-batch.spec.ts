import { type PreparedPut, preparePut, scanEntries } from './phone-batch';
import { locationEntry } from './phone-entries.fixtures';
import { checkPhoneEntries, DATA_SEPARATOR } from './phone-entries';

const NOW = Date.UTC(2026, 0, 1);
const location = locationEntry;
const body = (entries: unknown[], user: unknown = 'token') => JSON.stringify({ user, phone_to_server: entries });

function prepared(text: string | Buffer, max?: number) {
  const result = preparePut(typeof text === 'string' ? Buffer.from(text) : text, NOW, max);
  if (!result.ok) throw new Error(`refused whole: ${result.problem}`);
  return result;
}
/** Each stored entry's data text, as PostgreSQL's `string_to_table` will split it. */
const storedTexts = (result: Extract<PreparedPut, { ok: true }>) =>
  result.batch.data ? Buffer.from(result.batch.data).toString('utf8').split(DATA_SEPARATOR) : [];

describe(preparePut.name, () => {
  it('stores each entry’s data as the phone wrote it: its own bytes, spacing and spelling of numbers kept', () => {
    const text =
      '{ "user" : "token",\n "phone_to_server" : [\n' +
      '  { "metadata": {"key": "background/location", "type": "sensor-data", "write_ts": 1617919770.0},\n' +
      '    "data" : { "latitude": 39.5900, "longitude": -104.98, "ts": 1617913865.0, "note": "a \\"data\\": {}" } },\n' +
      '  {"data":{"latitude":39.6,"longitude":-104.9,"ts":1617913866,"é":"ü 🚲"},"metadata":{"key":"background/location","type":"sensor-data","write_ts":1617919771}}\n' +
      '] }';
    const result = prepared(text);
    expect(result.refused).toEqual([]);
    expect(storedTexts(result)).toEqual([
      '{ "latitude": 39.5900, "longitude": -104.98, "ts": 1617913865.0, "note": "a \\"data\\": {}" }',
      '{"latitude":39.6,"longitude":-104.9,"ts":1617913866,"é":"ü 🚲"}',
    ]);
    expect(result.batch).toMatchObject({ entries: 2, kindOf: '0,0', writeTs: '1617919770,1617919771' });
  });

  it('writes again the data the check changed, and stores what it checked', () => {
    const result = prepared(
      body([
        location({ ts: 1_617_913_865_500 }),
        {
          metadata: { key: 'statemachine/transition', type: 'message', write_ts: 1_446_577_206 },
          data: { transition: 'T_NOP' },
        },
        location({}, { write_ts: 1_617_919_771 }),
      ]),
    );
    expect(storedTexts(result).map((t) => JSON.parse(t))).toEqual([
      expect.objectContaining({ ts: 1_617_913_865.5 }),
      { transition: 'T_NOP', ts: 1_446_577_206 },
      expect.objectContaining({ ts: 1_617_913_865 }),
    ]);
    expect(result.batch.ts).toBe('1617913865.5,1446577206,1617913865');
  });

  it('refuses, by its place in the batch, an entry PostgreSQL cannot hold, sent or written again', () => {
    const result = prepared(
      body([
        location({ latitude: 95 }),
        location({ note: 'a\u0000b' }, { write_ts: 1_617_919_771 }),
        location({ note: 'a\ud800' }, { write_ts: 1_617_919_772 }),
        location({ note: 'an emoji 🚲 and an escaped \\u0000' }, { write_ts: 1_617_919_773 }),
        location({ ts: 1_617_913_865_000, note: '\u0000' }, { write_ts: 1_617_919_774 }),
      ]),
    );
    expect(result.refused.map((r) => [r.index, r.reason.slice(0, 20)])).toEqual([
      [0, 'data.latitude is out'],
      [1, 'the entry contains a'],
      [2, 'the entry contains a'],
      [4, 'the entry contains a'],
    ]);
    expect(storedTexts(result).map((t) => JSON.parse(t).note)).toEqual(['an emoji 🚲 and an escaped \\u0000']);
  });

  it('takes, as JSON.parse does, the last of two `data` members, and writes again one spelled with an escape', () => {
    const entry = (data: string, write: number) =>
      `{"metadata":{"key":"x/y","type":"message","write_ts":${write},"data":{"no":1}},${data}}`;
    const result = prepared(
      `{"user":"token","phone_to_server":[${entry('"data":{"a":1},"data":{"b":2}', 1_617_919_770)},` +
        `${entry('"data":{"a":1},"d\\u0061ta":{"c":3}', 1_617_919_771)},${entry('"\\u0064ata":{"d":4},"data":{"e":5}', 1_617_919_772)},42]}`,
    );
    expect(storedTexts(result)).toEqual(['{"b":2}', '{"c":3}', '{"e":5}']);
    expect(result.refused.map((r) => r.index)).toEqual([3]);
  });

  it('writes every entry again when `phone_to_server` is spelled with an escape or sent twice, or the body is not UTF-8', () => {
    const spaced = '{ "a" : 1 }';
    const entry = `{"metadata":{"key":"x/y","type":"message","write_ts":1617919770},"data":${spaced}}`;
    expect(storedTexts(prepared(`{"phone\\u005fto_server":[${entry}]}`))).toEqual(['{"a":1}']);
    expect(storedTexts(prepared(`{"phone_to_server":[],"phone_to_server":[${entry}]}`))).toEqual(['{"a":1}']);
    expect(storedTexts(prepared(`{"phone_to_server":[${entry}]}`))).toEqual([spaced]);
    // A lone byte 0xE9 (Latin-1 "é") reads as U+FFFD: the stored text is the character read.
    const latin1 = Buffer.concat([
      Buffer.from(
        `{"phone_to_server":[{"metadata":{"key":"x/y","type":"message","write_ts":1617919770},"data":{"n":"caf`,
      ),
      Buffer.from([0xe9]),
      Buffer.from('"}}]}'),
    ]);
    expect(storedTexts(prepared(latin1))).toEqual(['{"n":"caf\ufffd"}']);
  });

  it('stores, for any batch, texts that parse to the checked entries', () => {
    // A seeded generator: strings with quotes, backslashes, brackets and non-ASCII, nested values.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const text = () =>
      Array.from({ length: Math.floor(random() * 8) }, () =>
        pick(['a', '"', '\\', '{', '}', '[', ']', ',', ':', 'é', '🚲', '\n', ' ']),
      ).join('');
    const value = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 3 ? 4 : 6));
      if (kind === 0) return text();
      if (kind === 1) return Math.round(random() * 1e6) / 100;
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return -Math.floor(random() * 1000);
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [text(), value(depth + 1)]));
    };
    const space = () => pick(['', ' ', '\n  ', '\t']);
    for (let round = 0; round < 200; round++) {
      const entries = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => ({
        metadata: { key: 'x/y', type: 'message', write_ts: 1_617_919_770 + i, data: value(0) },
        data: Object.assign({ [text()]: value(0) }, random() < 0.2 ? { ts: 1_617_913_865_000 + i } : {}),
      }));
      // The body with random spacing between its tokens (outside strings).
      const json = JSON.stringify({ user: text(), phone_to_server: entries }).replace(
        /("(?:[^"\\]|\\.)*")|([{}[\],:])/g,
        (match, string: string | undefined) => (string ? match : `${space()}${match}${space()}`),
      );
      const result = prepared(json);
      const expected = checkPhoneEntries(JSON.parse(json).phone_to_server, NOW).accepted.map((e) => e.data);
      expect(storedTexts(result).map((t) => JSON.parse(t))).toEqual(expected);
      // A byte dropped or doubled: refused as malformed exactly when JSON.parse refuses the body.
      for (let cut = 0; cut < 4; cut++) {
        const at = Math.floor(random() * json.length);
        const broken =
          random() < 0.5 ? json.slice(0, at) + json.slice(at + 1) : json.slice(0, at) + json[at] + json.slice(at);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const outcome = preparePut(Buffer.from(broken), NOW);
        expect([broken, !outcome.ok && outcome.problem === 'malformed-json']).toEqual([broken, !valid]);
      }
    }
  });

  it('tells a body refused whole, with the token it carries when it could be read', () => {
    const refused = (text: string, max?: number) => {
      const result = preparePut(Buffer.from(text), NOW, max);
      return result.ok ? 'accepted' : [result.problem, result.user];
    };
    expect(refused('{"user": "token", "phone_to_server": [')).toEqual(['malformed-json', undefined]);
    expect(refused('{"user": "token", "phone_to_server": [{"__proto__": {"polluted": 1}}]}')).toEqual([
      'malformed-json',
      undefined,
    ]);
    expect(refused('{"user": "token", "phone_to_server": [{"\\u005f_proto__": {"x": 1}}]}')).toEqual([
      'malformed-json',
      undefined,
    ]);
    expect(refused('{"user": "token", "phone_to_server": [{"constructor": {"prototype": {"x": 1}}}]}')).toEqual([
      'malformed-json',
      undefined,
    ]);
    expect(refused('{"user": "token", "phone_to_server": "all"}')).toEqual(['malformed-body', 'token']);
    expect(refused('[1, 2]')).toEqual(['malformed-body', undefined]);
    expect(refused(body([location(), location()]), 1)).toEqual(['too-many-entries', 'token']);
    expect(refused(body([]))).toBe('accepted');
    expect(prepared(body([])).batch).toMatchObject({ entries: 0, data: null });
  });

  it('gives what entries share once per batch, and each entry’s kind', () => {
    const result = prepared(
      body([
        location(),
        location({}, { write_ts: 1_617_919_771, platform: undefined }),
        location({}, { write_ts: 1_617_919_772, time_zone: 'Europe/Rome' }),
        location({}, { write_ts: 1_617_919_773 }),
      ]),
    );
    expect(result.batch).toMatchObject({
      kinds: [
        { key: 'background/location', type: 'sensor-data', platform: 'android', time_zone: null },
        { key: 'background/location', type: 'sensor-data', platform: null, time_zone: null },
        { key: 'background/location', type: 'sensor-data', platform: 'android', time_zone: 'Europe/Rome' },
      ],
      kindOf: '0,1,2,0',
    });
  });
});

describe(scanEntries.name, () => {
  it('finds each element of the entries and each one’s data by its bytes, negative where an entry has none', () => {
    const text =
      '{"phone_to_server":[{"data":{"a":"}"}},7 , {"metadata":{"data":1}},{"data":[1,{"b":"\\""}]}],"x":[1]}';
    const scan = scanEntries(Buffer.from(text))!;
    const between = (k: number) => text.slice(scan.cuts[k] + 1, scan.cuts[k + 1]);
    expect([0, 1, 2, 3].map(between)).toEqual([
      '{"data":{"a":"}"}}',
      '7 ',
      ' {"metadata":{"data":1}}',
      '{"data":[1,{"b":"\\""}]}',
    ]);
    const data = (k: number) => (scan.spans[2 * k] < 0 ? null : text.slice(scan.spans[2 * k], scan.spans[2 * k + 1]));
    expect([0, 1, 2, 3].map(data)).toEqual(['{"a":"}"}', null, null, '[1,{"b":"\\""}]']);
    expect(scanEntries(Buffer.from('{"phone_to_server": [ ]}'))).toEqual({ cuts: [20, 22], spans: [] });
    // Not found as JSON.parse would: the body is parsed whole.
    expect(scanEntries(Buffer.from('{"phone_to_server":[],"phone_to_server":[1]}'))).toBeNull();
    expect(scanEntries(Buffer.from('{"phone\\u005fto_server":[1]}'))).toBeNull();
    expect(scanEntries(Buffer.from('[{"phone_to_server":[1]}]'))).toBeNull();
  });

  it('reads what is not JSON without failing, and a body it cuts wrong is refused whole', () => {
    for (const text of [
      '{"phone_to_server":[1,,2]}',
      '{"phone_to_server":[1,]}',
      '{"phone_to_server":["a]}',
      '}{"phone_to_server":[1]}',
      '{"phone_to_server":[{]}',
    ]) {
      expect(() => scanEntries(Buffer.from(text))).not.toThrow();
      expect(preparePut(Buffer.from(text), NOW)).toMatchObject({ ok: false, problem: 'malformed-json' });
    }
  });
});

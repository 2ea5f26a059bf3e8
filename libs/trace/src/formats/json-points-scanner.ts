import type { Trace } from '../trace';
import {
  acceptedTimeWindow,
  epochMillis,
  parseIsoDateTimeBytes,
  parsePointTime,
  type TraceLimits,
} from '../trace-validation';
import { TraceColumns } from './trace-columns';

/**
 * The fast path of JSON uploads: reads `{"points": [{"lat": …, "lon": …, "ts": …}, …]}` straight
 * from the request bytes into typed columns, without materialising a JavaScript object per fix
 * (JSON.parse plus the loop over its objects was most of an upload's CPU time, and most of its
 * memory, in bench:ingest).
 *
 * It only ever answers for what it fully understands and accepts: any byte outside the common
 * grammar (escaped strings, nested values in unknown keys, quoted numbers, duplicate aliases…)
 * or any point that would be refused returns null, and the caller then runs the general path
 * (`JSON.parse` + {@link parseJsonPoints}), which gives the canonical result or error. So both
 * paths accept exactly the same bodies with the same result.
 */

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const BACKSLASH = 92;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Keys of a point, and the top-level keys, the scanner knows. */
const enum Key {
  Unknown,
  Lat,
  Latitude,
  Lon,
  Lng,
  Longitude,
  Ts,
  Time,
  Timestamp,
  Accuracy,
  Speed,
  Altitude,
  Points,
  MockLocation,
}

const KEY_BYTES = new Map<Key, Buffer>(
  (
    [
      [Key.Lat, 'lat'],
      [Key.Latitude, 'latitude'],
      [Key.Lon, 'lon'],
      [Key.Lng, 'lng'],
      [Key.Longitude, 'longitude'],
      [Key.Ts, 'ts'],
      [Key.Time, 'time'],
      [Key.Timestamp, 'timestamp'],
      [Key.Accuracy, 'accuracy'],
      [Key.Speed, 'speed'],
      [Key.Altitude, 'altitude'],
      [Key.Points, 'points'],
      [Key.MockLocation, 'mockLocation'],
    ] as [Key, string][]
  ).map(([key, name]) => [key, Buffer.from(name, 'latin1')]),
);

/** Thrown inside the scanner to abandon the fast path; never escapes it. */
const GIVE_UP = Symbol('give up');

export interface ScannedJsonPoints {
  trace: Trace;
  mockLocation: boolean;
}

/** Returns the trace, or null when the general path must decide (see the module comment). */
export function scanJsonPoints(bytes: Uint8Array, limits: TraceLimits, now = Date.now()): ScannedJsonPoints | null {
  try {
    return new Scanner(bytes, limits, now).run();
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function fail(): never {
  throw GIVE_UP;
}

class Scanner {
  private i = 0;
  private readonly n: number;
  private readonly earliest: number;
  private readonly latest: number;
  private readonly columns: TraceColumns;
  private mockLocation = false;

  constructor(
    private readonly b: Uint8Array,
    private readonly limits: TraceLimits,
    now: number,
  ) {
    this.n = b.length;
    ({ earliest: this.earliest, latest: this.latest } = acceptedTimeWindow(limits, now));
    // About 75 bytes per fix in practice; the columns grow if needed.
    this.columns = new TraceColumns(Math.min(Math.max(16, Math.ceil(b.length / 64)), limits.maxPoints + 1));
  }

  run(): ScannedJsonPoints {
    const b = this.b;
    let sawPoints = false;
    this.ws();
    if (b[this.i] === LBRACKET) {
      this.pointsArray();
      sawPoints = true;
    } else {
      this.expect(LBRACE);
      this.ws();
      if (b[this.i] === RBRACE) fail();
      for (;;) {
        this.ws();
        const key = this.key();
        this.expect(COLON);
        this.ws();
        if (key === Key.Points) {
          if (sawPoints) fail();
          this.pointsArray();
          sawPoints = true;
        } else if (key === Key.MockLocation) {
          if (b[this.i] === 116) {
            this.literal('true');
            this.mockLocation = true;
          } else {
            this.literal('false');
          }
        } else {
          this.skipScalar();
        }
        if (this.endOfMember(RBRACE)) break;
      }
    }
    this.ws();
    if (this.i !== this.n || !sawPoints) fail();
    const trace = this.columns.toTrace();
    if (trace.length < (this.limits.minPoints ?? 2)) fail();
    return { trace, mockLocation: this.mockLocation };
  }

  private ws(): void {
    const b = this.b;
    let i = this.i;
    while (i < this.n) {
      const c = b[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  private expect(c: number): void {
    this.ws();
    if (this.b[this.i] !== c) fail();
    this.i++;
  }

  /** After a member: true at the closing `close`, false after a comma. */
  private endOfMember(close: number): boolean {
    this.ws();
    const c = this.b[this.i++];
    if (c === COMMA) return false;
    if (c === close) return true;
    return fail();
  }

  /** Moves past a string without escapes; returns where its content ends (the closing quote). */
  private stringEnd(): number {
    const b = this.b;
    let i = this.i;
    if (b[i] !== QUOTE) fail();
    i++;
    while (i < this.n) {
      const c = b[i];
      if (c === QUOTE) {
        this.i = i + 1;
        return i;
      }
      if (c === BACKSLASH || c < 32) fail();
      i++;
    }
    return fail();
  }

  private key(): Key {
    const start = this.i + 1;
    const end = this.stringEnd();
    const b = this.b;
    let key: Key;
    switch (end - start) {
      case 2:
        key = Key.Ts;
        break;
      case 3:
        key = b[start + 2] === 116 ? Key.Lat : b[start + 1] === 111 ? Key.Lon : Key.Lng;
        break;
      case 4:
        key = Key.Time;
        break;
      case 5:
        key = Key.Speed;
        break;
      case 6:
        key = Key.Points;
        break;
      case 8:
        key = b[start + 1] === 97 ? Key.Latitude : b[start] === 97 && b[start + 1] === 99 ? Key.Accuracy : Key.Altitude;
        break;
      case 9:
        key = b[start] === 108 ? Key.Longitude : Key.Timestamp;
        break;
      case 12:
        key = Key.MockLocation;
        break;
      default:
        return Key.Unknown;
    }
    const expected = KEY_BYTES.get(key)!;
    for (let k = 0; k < expected.length; k++) if (expected[k] !== b[start + k]) return Key.Unknown;
    return key;
  }

  private literal(text: string): void {
    for (let k = 0; k < text.length; k++) if (this.b[this.i + k] !== text.charCodeAt(k)) fail();
    this.i += text.length;
  }

  /** A JSON number, exactly as JSON.parse reads it (Clinger's fast path, else Number()). */
  private number(): number {
    const b = this.b;
    let i = this.i;
    const start = i;
    let negative = false;
    if (b[i] === MINUS) {
      negative = true;
      i++;
    }
    let mantissa = 0;
    let digits = 0;
    let exponent = 0;
    if (b[i] === ZERO) {
      i++;
      if (isDigit(b[i])) fail();
    } else if (isDigit(b[i])) {
      while (isDigit(b[i])) {
        if (digits < 15) {
          mantissa = mantissa * 10 + (b[i] - ZERO);
          if (mantissa > 0) digits++;
        } else {
          exponent++;
          digits++;
        }
        i++;
      }
    } else {
      fail();
    }
    if (b[i] === DOT) {
      i++;
      if (!isDigit(b[i])) fail();
      while (isDigit(b[i])) {
        if (digits < 15) {
          mantissa = mantissa * 10 + (b[i] - ZERO);
          exponent--;
          if (mantissa > 0) digits++;
        } else {
          digits++;
        }
        i++;
      }
    }
    if (b[i] === 101 || b[i] === 69) {
      i++;
      let sign = 1;
      if (b[i] === PLUS || b[i] === MINUS) sign = b[i++] === MINUS ? -1 : 1;
      if (!isDigit(b[i])) fail();
      let e = 0;
      while (isDigit(b[i])) {
        e = e * 10 + (b[i] - ZERO);
        if (e > 400) fail();
        i++;
      }
      exponent += sign * e;
    }
    this.i = i;
    if (digits > 15 || exponent > 22 || exponent < -22) {
      return Number(Buffer.from(b.buffer, b.byteOffset + start, i - start).toString('latin1'));
    }
    const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
    return negative ? -value : value;
  }

  private numberHere(): number {
    const c = this.b[this.i];
    if (c !== MINUS && !isDigit(c)) fail();
    return this.number();
  }

  /** Skips a scalar value of a key the scanner does not use. */
  private skipScalar(): void {
    const c = this.b[this.i];
    if (c === QUOTE) this.stringEnd();
    else if (c === MINUS || isDigit(c)) this.number();
    else if (c === 116) this.literal('true');
    else if (c === 102) this.literal('false');
    else if (c === 110) this.literal('null');
    else fail();
  }

  private time(): number {
    const c = this.b[this.i];
    if (c === QUOTE) {
      const start = this.i + 1;
      const end = this.stringEnd();
      const iso = parseIsoDateTimeBytes(this.b, start, end);
      if (iso === iso) return iso;
      // Digits in a string, and whatever else the general rules accept.
      return parsePointTime(Buffer.from(this.b.buffer, this.b.byteOffset + start, end - start).toString('latin1'));
    }
    if (c === MINUS || isDigit(c)) return epochMillis(this.number());
    return fail();
  }

  private pointsArray(): void {
    this.expect(LBRACKET);
    this.ws();
    if (this.b[this.i] === RBRACKET) {
      this.i++;
      return;
    }
    for (;;) {
      this.point();
      if (this.endOfMember(RBRACKET)) return;
    }
  }

  /** One point object: pushed, or the scan gives up if the general path would refuse it. */
  private point(): void {
    this.expect(LBRACE);
    let seen = 0;
    let lat = NaN;
    let latitude = NaN;
    let lon = NaN;
    let lng = NaN;
    let longitude = NaN;
    let ts = NaN;
    let time = NaN;
    let timestamp = NaN;
    let accuracy = NaN;
    let speed = NaN;
    let altitude = NaN;
    this.ws();
    if (this.b[this.i] === RBRACE) fail();
    for (;;) {
      this.ws();
      const key = this.key();
      this.expect(COLON);
      this.ws();
      const bit = 1 << key;
      if (key !== Key.Unknown && seen & bit) fail(); // a duplicate key: JSON.parse keeps the last
      seen |= bit;
      switch (key) {
        case Key.Lat:
          lat = this.numberHere();
          break;
        case Key.Latitude:
          latitude = this.numberHere();
          break;
        case Key.Lon:
          lon = this.numberHere();
          break;
        case Key.Lng:
          lng = this.numberHere();
          break;
        case Key.Longitude:
          longitude = this.numberHere();
          break;
        case Key.Ts:
          ts = this.time();
          break;
        case Key.Time:
          time = this.time();
          break;
        case Key.Timestamp:
          timestamp = this.time();
          break;
        case Key.Accuracy:
          if (this.b[this.i] === 110) this.literal('null');
          else accuracy = this.numberHere();
          break;
        case Key.Speed:
          if (this.b[this.i] === 110) this.literal('null');
          else speed = this.numberHere();
          break;
        case Key.Altitude:
          if (this.b[this.i] === 110) this.literal('null');
          else altitude = this.numberHere();
          break;
        default:
          this.skipScalar();
      }
      if (this.endOfMember(RBRACE)) break;
    }
    // The general path's precedence: lat over latitude; lon over lng over longitude; ts over time over timestamp.
    const has = (key: Key) => (seen & (1 << key)) !== 0;
    const y = has(Key.Lat) ? lat : has(Key.Latitude) ? latitude : fail();
    const x = has(Key.Lon) ? lon : has(Key.Lng) ? lng : has(Key.Longitude) ? longitude : fail();
    const t = has(Key.Ts) ? ts : has(Key.Time) ? time : has(Key.Timestamp) ? timestamp : fail();
    if (!(y >= -90 && y <= 90) || !(x >= -180 && x <= 180)) fail();
    if (!(t >= this.earliest && t <= this.latest)) fail();
    // Absent or null: NaN; present: a finite number ≥ 0 (NaN compares false, so it passes here).
    if (accuracy < 0 || accuracy === Infinity || speed < 0 || speed === Infinity) fail();
    if (this.columns.length >= this.limits.maxPoints) fail();
    this.columns.push(y, x, t, accuracy, speed, Number.isFinite(altitude) ? altitude : NaN);
  }
}

import type { Trace } from '../trace';

/**
 * Collects fixes straight into typed columns, then orders them by time and folds repeated
 * timestamps (keeping the first fix sent) into a {@link Trace}. The same result as `buildTrace`
 * over point objects, without an object per fix: parsers of uploads use it on their hot path.
 */
export class TraceColumns {
  private size = 0;
  private ts: Float64Array;
  private lat: Float64Array;
  private lon: Float64Array;
  private accuracy: Float32Array | null = null;
  private speed: Float32Array | null = null;
  private altitude: Float32Array | null = null;

  constructor(private capacity = 64) {
    this.capacity = Math.max(2, capacity);
    this.ts = new Float64Array(this.capacity);
    this.lat = new Float64Array(this.capacity);
    this.lon = new Float64Array(this.capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Appends a fix; optional channels are NaN when the fix does not carry them. */
  push(lat: number, lon: number, ts: number, accuracy = NaN, speed = NaN, altitude = NaN): void {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.ts[i] = ts;
    this.lat[i] = lat;
    this.lon[i] = lon;
    if (accuracy === accuracy) (this.accuracy ??= this.channel())[i] = accuracy;
    if (speed === speed) (this.speed ??= this.channel())[i] = speed;
    if (altitude === altitude) (this.altitude ??= this.channel())[i] = altitude;
  }

  /** The trace, ordered by time, with the first fix of each repeated timestamp. */
  toTrace(): Trace {
    const n = this.size;
    let sorted = true;
    let repeated = false;
    for (let i = 1; i < n; i++) {
      const d = this.ts[i] - this.ts[i - 1];
      if (d < 0) sorted = false;
      else if (d === 0) repeated = true;
    }
    if (sorted && !repeated) {
      return {
        length: n,
        ts: this.ts.subarray(0, n),
        lat: this.lat.subarray(0, n),
        lon: this.lon.subarray(0, n),
        accuracy: this.accuracy?.subarray(0, n) ?? null,
        speed: this.speed?.subarray(0, n) ?? null,
        altitude: this.altitude?.subarray(0, n) ?? null,
      };
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Ties keep the order they were sent in, so the first of repeated fixes survives.
    if (!sorted) order.sort((a, b) => this.ts[a] - this.ts[b] || a - b);
    let unique = 0;
    for (let k = 0; k < n; k++) if (k === 0 || this.ts[order[k]] !== this.ts[order[k - 1]]) order[unique++] = order[k];
    const pick = <T extends Float64Array | Float32Array>(column: T): T => {
      const out = new (column.constructor as { new (length: number): T })(unique);
      for (let k = 0; k < unique; k++) out[k] = column[order[k]];
      return out;
    };
    return {
      length: unique,
      ts: pick(this.ts),
      lat: pick(this.lat),
      lon: pick(this.lon),
      accuracy: this.accuracy ? pick(this.accuracy) : null,
      speed: this.speed ? pick(this.speed) : null,
      altitude: this.altitude ? pick(this.altitude) : null,
    };
  }

  private channel(): Float32Array {
    return new Float32Array(this.capacity).fill(NaN);
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <T extends Float64Array | Float32Array>(column: T): T => {
      const out = new (column.constructor as { new (length: number): T })(this.capacity);
      out.set(column);
      // Optional channels: a fix without a value holds NaN.
      if (column instanceof Float32Array) out.fill(NaN, column.length);
      return out;
    };
    this.ts = widen(this.ts);
    this.lat = widen(this.lat);
    this.lon = widen(this.lon);
    if (this.accuracy) this.accuracy = widen(this.accuracy);
    if (this.speed) this.speed = widen(this.speed);
    if (this.altitude) this.altitude = widen(this.altitude);
  }
}

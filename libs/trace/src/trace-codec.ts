import { type ActivitySamples, allocateTrace, Trace } from './trace';

/**
 * Binary storage format of a trace (version 1), chosen over a row per point: a 1,000-point trip
 * is one 16–28 KB value written in one statement and read back in one query.
 *
 *   0  u8   version (1)
 *   1  u8   channel flags: 1 accuracy, 2 speed, 4 altitude
 *   2  u16  reserved (0)
 *   4  u32  point count n
 *   8  f64[n] ts (epoch ms)
 *      i32[n] lat × 1e7, i32[n] lon × 1e7 (1.1 cm resolution, far below GPS error)
 *      f32[n] per present channel, in flag order
 *   with flag 8 (motion activity samples, see `Trace.activity`), then:
 *      u32 m, f64[m] ts (epoch ms), u8[m] activity class, u8[m] confidence (percent)
 *
 * Little-endian throughout (typed arrays use the host order; every platform Node supports
 * for servers is little-endian, which {@link assertLittleEndian} checks once).
 */
const VERSION = 1;
const HEADER_BYTES = 8;
const E7 = 1e7;
const FLAG_ACCURACY = 1;
const FLAG_SPEED = 2;
const FLAG_ALTITUDE = 4;
const FLAG_ACTIVITY = 8;

let endiannessChecked = false;
function assertLittleEndian(): void {
  if (endiannessChecked) return;
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('trace codec requires a little-endian host');
  }
  endiannessChecked = true;
}

export function encodedTraceSize(trace: Trace): number {
  const channels = (trace.accuracy ? 1 : 0) + (trace.speed ? 1 : 0) + (trace.altitude ? 1 : 0);
  const activity = trace.activity?.length ? 4 + trace.activity.length * (8 + 1 + 1) : 0;
  return HEADER_BYTES + trace.length * (8 + 4 + 4 + 4 * channels) + activity;
}

export function encodeTrace(trace: Trace): Buffer {
  assertLittleEndian();
  const n = trace.length;
  const buffer = Buffer.allocUnsafe(encodedTraceSize(trace));
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const flags =
    (trace.accuracy ? FLAG_ACCURACY : 0) |
    (trace.speed ? FLAG_SPEED : 0) |
    (trace.altitude ? FLAG_ALTITUDE : 0) |
    (trace.activity?.length ? FLAG_ACTIVITY : 0);
  buffer.writeUInt8(VERSION, 0);
  buffer.writeUInt8(flags, 1);
  buffer.writeUInt16LE(0, 2);
  buffer.writeUInt32LE(n, 4);
  let offset = HEADER_BYTES;
  bytes.set(new Uint8Array(trace.ts.buffer, trace.ts.byteOffset, n * 8), offset);
  offset += n * 8;
  const lat = new Int32Array(n);
  const lon = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = Math.round(trace.lat[i] * E7);
    lon[i] = Math.round(trace.lon[i] * E7);
  }
  bytes.set(new Uint8Array(lat.buffer), offset);
  offset += n * 4;
  bytes.set(new Uint8Array(lon.buffer), offset);
  offset += n * 4;
  for (const channel of [trace.accuracy, trace.speed, trace.altitude]) {
    if (!channel) continue;
    bytes.set(new Uint8Array(channel.buffer, channel.byteOffset, n * 4), offset);
    offset += n * 4;
  }
  const activity = trace.activity;
  if (activity?.length) {
    const m = activity.length;
    buffer.writeUInt32LE(m, offset);
    offset += 4;
    bytes.set(new Uint8Array(activity.ts.buffer, activity.ts.byteOffset, m * 8), offset);
    offset += m * 8;
    bytes.set(activity.activity.subarray(0, m), offset);
    offset += m;
    for (let i = 0; i < m; i++) bytes[offset + i] = Math.round(activity.confidence[i] * 100);
  }
  return buffer;
}

export function decodeTrace(data: Uint8Array): Trace {
  assertLittleEndian();
  if (data.byteLength < HEADER_BYTES) throw new Error('trace data truncated');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint8(0);
  if (version !== VERSION) throw new Error(`unsupported trace encoding version ${version}`);
  const flags = view.getUint8(1);
  const n = view.getUint32(4, true);
  const trace = allocateTrace(n, {
    accuracy: (flags & FLAG_ACCURACY) !== 0,
    speed: (flags & FLAG_SPEED) !== 0,
    altitude: (flags & FLAG_ALTITUDE) !== 0,
  });
  const fixesEnd = encodedTraceSize(trace);
  const activityCount = flags & FLAG_ACTIVITY && data.byteLength >= fixesEnd + 4 ? view.getUint32(fixesEnd, true) : 0;
  const expected = fixesEnd + (flags & FLAG_ACTIVITY ? 4 + activityCount * 10 : 0);
  if (data.byteLength !== expected) throw new Error(`trace data has ${data.byteLength} bytes, expected ${expected}`);
  // Copy into aligned storage: a Buffer from the database driver may start at any offset.
  let offset = data.byteOffset + HEADER_BYTES;
  new Uint8Array(trace.ts.buffer).set(new Uint8Array(data.buffer, offset, n * 8));
  offset += n * 8;
  const lat = new Int32Array(n);
  const lon = new Int32Array(n);
  new Uint8Array(lat.buffer).set(new Uint8Array(data.buffer, offset, n * 4));
  offset += n * 4;
  new Uint8Array(lon.buffer).set(new Uint8Array(data.buffer, offset, n * 4));
  offset += n * 4;
  for (let i = 0; i < n; i++) {
    trace.lat[i] = lat[i] / E7;
    trace.lon[i] = lon[i] / E7;
  }
  for (const channel of [trace.accuracy, trace.speed, trace.altitude]) {
    if (!channel) continue;
    new Uint8Array(channel.buffer).set(new Uint8Array(data.buffer, offset, n * 4));
    offset += n * 4;
  }
  if (!(flags & FLAG_ACTIVITY)) return trace;
  offset += 4;
  const m = activityCount;
  const activity: ActivitySamples = {
    length: m,
    ts: new Float64Array(m),
    activity: new Uint8Array(m),
    confidence: new Float32Array(m),
  };
  new Uint8Array(activity.ts.buffer).set(new Uint8Array(data.buffer, offset, m * 8));
  offset += m * 8;
  activity.activity.set(new Uint8Array(data.buffer, offset, m));
  offset += m;
  for (let i = 0; i < m; i++) activity.confidence[i] = data[offset - data.byteOffset + i] / 100;
  return { ...trace, activity };
}

import { DEFAULT_SEGMENTATION, segmentTrips } from './trip-segmentation';
import type { PhoneFix, PhoneTransition } from './phone-stream';

/** About 111 m per 0.001° of latitude. */
const fix = (ts: number, dLat: number, accuracy = 10): PhoneFix => ({
  ts,
  lat: 37.39 + dLat,
  lon: -122.08,
  accuracy,
  speed: null,
  altitude: null,
});

/** At home for 10 min, walks ~2.2 km in 20 min, at work for 10 min, walks back, home again. */
function day(): PhoneFix[] {
  const fixes: PhoneFix[] = [];
  let t = 1_466_400_000;
  const stay = (dLat: number, minutes: number) => {
    for (let i = 0; i < minutes * 2; i++) fixes.push(fix((t += 30), dLat + (i % 2) * 0.00005));
  };
  const walk = (from: number, to: number, minutes: number) => {
    for (let i = 1; i <= minutes * 2; i++) fixes.push(fix((t += 30), from + ((to - from) * i) / (minutes * 2)));
  };
  stay(0, 10);
  walk(0, 0.02, 20);
  stay(0.02, 10);
  walk(0.02, 0, 20);
  stay(0, 10);
  return fixes;
}

describe(segmentTrips.name, () => {
  it('cuts a stream into trips at dwells of 5 min within 100 m', () => {
    const { fixes, trips, openSinceTs } = segmentTrips(day(), []);
    expect(trips).toHaveLength(2);
    expect(trips.map((t) => t.endedBy)).toEqual(['dwell', 'dwell']);
    // The first trip leaves home around minute 10 and arrives around minute 30.
    const first = trips[0];
    expect(fixes[first.startIndex].ts - fixes[0].ts).toBeCloseTo(600, -2);
    expect(fixes[first.endIndex].ts - fixes[0].ts).toBeGreaterThan(1_700);
    expect(fixes[first.endIndex].ts - fixes[0].ts).toBeLessThan(1_850);
    expect(openSinceTs).toBeNull();
  });

  it('ends a trip where the phone reports it stopped once it is quiet, and keeps a trip with no end open', () => {
    const fixes = day().slice(0, 50); // home, then 30 of the 40 walking fixes: no dwell yet
    const open = segmentTrips(fixes, []);
    expect(open.trips).toHaveLength(0);
    expect(open.openSinceTs).not.toBeNull();
    const stopped: PhoneTransition[] = [{ ts: fixes[49].ts + 5, kind: 'stop' }];
    // Fixes may still come soon after the stop (a pause): the trip is finished once the phone is quiet.
    expect(segmentTrips(fixes, stopped).trips).toHaveLength(0);
    const closed = segmentTrips(fixes, stopped, { ...DEFAULT_SEGMENTATION, finishOpenTrip: true });
    expect(closed.trips).toEqual([expect.objectContaining({ endedBy: 'stop', endIndex: 49 })]);
    expect(segmentTrips(fixes, [], { ...DEFAULT_SEGMENTATION, finishOpenTrip: true }).trips[0].endedBy).toBe('quiet');
  });

  it('goes on with a trip when the phone reports again soon after it said it stopped (a pause, not an arrival)', () => {
    const all = day();
    // Stopped 10 min into the first walk, asleep 6 min (under two dwell times): it wakes when the
    // walk goes on past its geofence, over 100 m from where it slept.
    const paused = [...all.slice(0, 40), ...all.slice(42).map((f) => ({ ...f, ts: f.ts + 360 }))];
    const stop: PhoneTransition[] = [{ ts: paused[39].ts + 5, kind: 'stop' }];
    const { fixes, trips } = segmentTrips(paused, stop);
    expect(trips.map((t) => t.endedBy)).toEqual(['dwell', 'dwell']);
    expect(fixes[trips[0].endIndex].ts - fixes[trips[0].startIndex].ts).toBeGreaterThan(1_500);
    // Asleep for longer: the stop ends the trip there.
    const arrived = [...all.slice(0, 40), ...all.slice(42).map((f) => ({ ...f, ts: f.ts + 900 }))];
    const ended = segmentTrips(arrived, [{ ts: arrived[39].ts + 5, kind: 'stop' }]);
    expect(ended.trips[0]).toEqual(expect.objectContaining({ endedBy: 'stop', endIndex: 39 }));
  });

  it('ends a trip across a silence in which the phone stayed put (geofenced, asleep)', () => {
    const fixes = [
      ...day().slice(0, 60),
      ...day()
        .slice(58, 60)
        .map((f, i) => ({ ...f, ts: f.ts + 3_600 + i * 30 })),
    ];
    const { trips } = segmentTrips(fixes, []);
    expect(trips).toEqual([expect.objectContaining({ endedBy: 'silence', endIndex: 59 })]);
  });

  it('leaves out imprecise fixes and does not make trips of GPS noise at a place', () => {
    const noisy = day().slice(0, 20);
    noisy.splice(10, 0, { ...fix(noisy[9].ts + 1, 0.01, 500) });
    expect(segmentTrips(noisy, [], { ...DEFAULT_SEGMENTATION, finishOpenTrip: true }).trips).toHaveLength(0);
  });

  it('finds the same trips whatever the pieces the stream arrives in (resuming where it stopped)', () => {
    const all = day();
    const whole = segmentTrips(all, []);
    const wholeStarts = whole.trips.map((t) => whole.fixes[t.startIndex].ts);
    for (const pieces of [7, 25, 61]) {
      const starts: number[] = [];
      let from = -Infinity;
      for (let end = pieces; end < all.length + pieces; end += pieces) {
        const arrived = all.slice(0, Math.min(end, all.length)).filter((f) => f.ts >= from);
        const run = segmentTrips(arrived, []);
        starts.push(...run.trips.map((t) => run.fixes[t.startIndex].ts));
        from = run.resumeFromTs ?? from;
      }
      expect(starts).toEqual(wholeStarts);
    }
  });
});

/** The time as retention sees it: injected, so tests move it forward without waiting months. */
export interface RetentionClock {
  now(): number;
}

export const RETENTION_CLOCK = Symbol('RETENTION_CLOCK');

export const systemRetentionClock: RetentionClock = { now: () => Date.now() };

/**
 * A seeded pseudo-random source: everything the simulator draws comes from one, so a seed replays a
 * trip exactly; training and evaluation split and shuffle with one, so a seed replays a run.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(min: number, max: number): number;
  /** Standard normal (or with mean and standard deviation). */
  normal(mean?: number, sd?: number): number;
  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A uniformly random permutation of `items` (Fisher–Yates; the input is left as it is). */
  shuffle<T>(items: readonly T[]): T[];
  /** Exponential with the given mean. */
  exponential(mean: number): number;
}

/** Mulberry32 with Box–Muller normals. */
export function createRandom(seed: number): Random {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  let spare: number | null = null;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const standardNormal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    logNormal: (median, sigma) => median * Math.exp(sigma * standardNormal()),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
  };
}

import type { GbdtTree } from './gbdt';
import type { ModeModel } from './mode-model';

/**
 * A stub model for the specs, on one feature (85th-percentile speed): per-class `trees` (one round)
 * or none, `baseScore` the classes' starting log-odds (walk, bike, bus, car, train).
 */
export const stubModel = (
  { trees, baseScore = [0, 0, 0, 0, 0] }: { trees?: GbdtTree[]; baseScore?: number[] },
  decision: ModeModel['decision'],
): ModeModel => ({
  format: 'muvo-mode-model',
  version: 1,
  name: 'stub',
  trainedAt: '2026-01-01T00:00:00Z',
  gbdt: {
    classes: ['walk', 'bike', 'bus', 'car', 'train'],
    features: ['v_p85'],
    baseScore,
    trees: trees ? [trees] : [],
  },
  decision,
  provenance: { sources: [] },
});

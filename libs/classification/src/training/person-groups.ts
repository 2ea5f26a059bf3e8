import { createRandom } from '@muvo/kernel';
import type { LabelledSegment } from './labelled-segments';

/**
 * Groups users who must stay on the same side of any split: GeoLife has linked ids (one person
 * with two ids, or people travelling together) that share byte-identical label rows
 * (`same_label_as`) or identical fixes. Returns user → group id (the smallest user id of the group).
 */
export function personGroups(segments: readonly LabelledSegment[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (u: string): string => {
    let root = u;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(u, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const userOfSegment = new Map<string, string>();
  for (const s of segments) {
    if (!parent.has(s.user)) parent.set(s.user, s.user);
    userOfSegment.set(s.id, s.user);
  }
  const sharedFix = new Map<string, string>();
  for (const s of segments) {
    for (const other of s.sameLabelAs) {
      const u = userOfSegment.get(other);
      if (u) union(s.user, u);
    }
    const t = s.trace;
    for (const i of t.length > 0 ? [0, t.length >> 1, t.length - 1] : []) {
      const key = `${t.ts[i]}:${t.lat[i]}:${t.lon[i]}`;
      const u = sharedFix.get(key);
      if (u && u !== s.user) union(s.user, u);
      else sharedFix.set(key, s.user);
    }
  }
  const groups = new Map<string, string>();
  for (const u of parent.keys()) groups.set(u, find(u));
  return groups;
}

/**
 * Assigns groups to `k` folds, balancing segment counts. Without a seed, largest groups first (one
 * reproducible split); with one, groups in a seeded random order, each to the least-loaded fold, so
 * repeated splits show how much a held-out sample of people moves the accuracy.
 */
export function groupFolds(segments: readonly LabelledSegment[], k: number, seed?: number): Map<string, number> {
  const groups = personGroups(segments);
  const size = new Map<string, number>();
  for (const s of segments) {
    const g = groups.get(s.user)!;
    size.set(g, (size.get(g) ?? 0) + 1);
  }
  const load = new Array<number>(k).fill(0);
  const foldOfGroup = new Map<string, number>();
  const bySize = [...size.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [g, n] of seed === undefined ? bySize : createRandom(seed).shuffle(bySize)) {
    const fold = load.indexOf(Math.min(...load));
    foldOfGroup.set(g, fold);
    load[fold] += n;
  }
  const foldOfUser = new Map<string, number>();
  for (const [u, g] of groups) foldOfUser.set(u, foldOfGroup.get(g)!);
  return foldOfUser;
}

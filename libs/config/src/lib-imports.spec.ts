import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LIBS = join(ROOT, 'libs');
const LIB_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]@muvo\/([a-z-]+)['"]/g;

/** One lib's import of another, with the first file that makes it (for the failure message). */
type Graph = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // Specs may use a lib above them (a simulator to test a classifier): only shipped code counts.
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The imports of `@muvo/<lib>` between libs, read from the sources. */
function libGraph(): Graph {
  const graph: Graph = new Map();
  for (const lib of readdirSync(LIBS)) {
    const edges = new Map<string, string>();
    graph.set(lib, edges);
    for (const file of sourceFiles(join(LIBS, lib, 'src'))) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(LIB_IMPORT))
        if (target !== lib && !edges.has(target)) edges.set(target, relative(ROOT, file));
    }
  }
  return graph;
}

/** Every strongly connected group of more than one lib (Tarjan), each as one concrete circle. */
function importCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (lib: string) => {
    index.set(lib, index.size);
    low.set(lib, index.get(lib)!);
    stack.push(lib);
    for (const next of graph.get(lib)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(lib, Math.min(low.get(lib)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(lib, Math.min(low.get(lib)!, index.get(next)!));
    }
    if (low.get(lib) !== index.get(lib)) return;
    const group: string[] = [];
    let member: string;
    do group.push((member = stack.pop()!));
    while (member !== lib);
    if (group.length > 1) cycles.push(circleWithin(graph, new Set(group)));
  };
  for (const lib of [...graph.keys()].sort()) if (!index.has(lib)) visit(lib);
  return cycles;
}

/** A shortest path from the group's first lib back to itself, staying inside the group. */
function circleWithin(graph: Graph, group: Set<string>): string[] {
  const start = [...group].sort()[0];
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const lib = queue.shift()!;
    for (const next of graph.get(lib)?.keys() ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const circle = [lib];
        while (circle[0] !== start) circle.unshift(from.get(circle[0])!);
        return [...circle, start];
      }
      if (!from.has(next)) {
        from.set(next, lib);
        queue.push(next);
      }
    }
  }
  return [...group];
}

describe('imports between libs', () => {
  it('finds a circle when there is one', () => {
    const graph: Graph = new Map([
      ['a', new Map([['b', 'a.ts']])],
      ['b', new Map([['c', 'b.ts']])],
      ['c', new Map([['a', 'c.ts']])],
      ['d', new Map([['a', 'd.ts']])],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    graph.get('c')!.delete('a');
    expect(importCycles(graph)).toEqual([]);
  });

  it('form no circle', () => {
    const graph = libGraph();
    expect(graph.size).toBeGreaterThan(10);
    const described = importCycles(graph).map((circle) =>
      circle
        .slice(0, -1)
        .map((lib, i) => `@muvo/${lib} → @muvo/${circle[i + 1]} (${graph.get(lib)!.get(circle[i + 1])})`)
        .join(', '),
    );
    expect(described).toEqual([]);
  });
});

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. One per process, created on first use, so libs can declare
 * their metrics next to the code that moves them.
 */
let registry: Registry | undefined;

export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'muvo_' });
  }
  return registry;
}

const counters = new Map<string, Counter<string>>();
const histograms = new Map<string, Histogram<string>>();

/** A counter registered once by name; later calls return the same one. */
export function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  let metric = counters.get(name);
  if (!metric) {
    metric = new Counter({ name, help, labelNames, registers: [metricsRegistry()] });
    counters.set(name, metric);
  }
  return metric;
}

/** A histogram (seconds) registered once by name. */
export function histogram(
  name: string,
  help: string,
  labelNames: string[] = [],
  buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
): Histogram<string> {
  let metric = histograms.get(name);
  if (!metric) {
    metric = new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry()] });
    histograms.set(name, metric);
  }
  return metric;
}

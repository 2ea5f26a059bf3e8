import { simulateTripDetailed, randomStreetPath, styleFor, createRandom, SimulatedMode } from '@muvo/simulation';
import { classifyTrace } from '../classify-trace';
const modes: SimulatedMode[] = ['walk','run','bike','bus','tram','car','metro','train'];
const lens: Record<string, number> = {walk:1500, run: 5000, bike:4000, bus:6000, tram:5000, car:10000, metro:10000, train:40000};
for (const mode of modes) for (let seed = 1; seed <= 3; seed++) {
  const r = createRandom(seed * 31);
  const path = randomStreetPath({ seed, lengthM: lens[mode], style: styleFor(mode, r) });
  const t0 = performance.now();
  const sim = simulateTripDetailed({ path, mode, startTime: Date.parse('2026-03-02T08:00:00Z'), seed });
  const t1 = performance.now();
  const res = classifyTrace(sim.trace, { includeFeatures: true });
  const tr = sim.trace;
  console.log(mode, seed, 'pts', tr.length, 'dur', ((tr.ts[tr.length-1]-tr.ts[0])/1000).toFixed(0), 'dev', sim.device.kind, sim.device.intervalS, 'sigma', sim.device.sigmaM.toFixed(1), 'cruise', sim.profile.cruiseMps.toFixed(1), 'sim ms', (t1-t0).toFixed(1));
  for (const l of res.legs) { const f = l.features; if (!f) { console.log('   ', l.mode, l.durationS); continue; } console.log('   ', l.mode, l.durationS.toFixed(0), 'p50', f.v_p50.toFixed(1), 'p95', f.v_p95.toFixed(1), 'v30', f.v_sustained_30s.toFixed(1), 'v120', f.v_sustained_120s.toFixed(1), 'stopfrac', f.stop_frac.toFixed(2), 'a85', f.a_p85.toFixed(2)); }
}

import { readFileSync } from 'node:fs';
import { classifyTrace } from '../classify-trace';
import { readLabelledSegments } from '../training/labelled-segments';
import { segmentMode } from '../training/evaluation';
const model = JSON.parse(readFileSync('models/local/dev.json', 'utf8'));
const segs = readLabelledSegments(process.argv.slice(3));
const want = process.argv[2].split(':');
let shown = 0;
for (const s of segs) {
  if (s.mode !== want[0]) continue;
  const r = classifyTrace(s.trace, { includeFeatures: true, model });
  if (segmentMode(r).mode !== want[1]) continue;
  if (shown++ % 7 !== 0) continue; if (shown > 60) break;
  console.log(s.id, s.trace.length, 'pts', ((s.trace.ts[s.trace.length-1]-s.trace.ts[0])/1000).toFixed(0),'s');
  for (const l of r.legs) {
    const f = l.features!;
    console.log('  ', l.mode, l.confidence, l.durationS.toFixed(0)+'s', l.distanceM.toFixed(0)+'m', 'p50', f.v_p50.toFixed(1), 'p85', f.v_p85.toFixed(1), 'p95', f.v_p95.toFixed(1), 'v30', f.v_sustained_30s.toFixed(1), 'v120', f.v_sustained_120s.toFixed(1), 'gap', f.gap_time_frac.toFixed(2), 'dt', f.median_step_s.toFixed(0), 'stop', f.stop_frac.toFixed(2), 'a85', f.a_p85.toFixed(2), 'hcr', f.hcr_per_km.toFixed(0), 'ls', f.local_straightness.toFixed(2));
  }
}

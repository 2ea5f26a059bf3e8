import { readLabelledSegments } from '../training/labelled-segments';
import { syntheticSegments } from '../training/synthetic-corpus';
import { legRows, LegRow } from '../training/train-model';
import { FEATURE_NAMES } from '../pipeline/leg-features';
const sim = legRows(syntheticSegments(1500, 1));
const real = legRows(readLabelledSegments(['/work/shared/data/geolife']));
const show = (process.env.F ?? 'log_duration_s,avg_speed,v_p50,v_p85,v_p95,v_sustained_30s,v_sustained_120s,a_p85,stop_frac,stop_rate_per_km,long_stop_rate_per_km,hcr_per_km,vcr_frac,straightness,local_straightness,gap_time_frac,median_step_s').split(',');
const q = (xs: number[], p: number) => { const s = xs.filter(x => !Number.isNaN(x)).sort((a,b)=>a-b); return s.length ? s[Math.floor((s.length-1)*p)] : NaN; };
for (const mode of ['walk','bike','bus','car','train']) {
  console.log(`== ${mode}: real ${real.filter(r=>r.mode===mode).length} legs, sim ${sim.filter(r=>r.mode===mode).length}`);
  for (const f of show) {
    const i = FEATURE_NAMES.indexOf(f as never);
    const fmt = (rows: LegRow[]) => [0.1,0.25,0.5,0.75,0.9].map(p => q(rows.filter(r=>r.mode===mode).map(r=>r.features[i]), p).toFixed(2).padStart(7)).join('');
    console.log(f.padEnd(22), 'real', fmt(real), ' | sim', fmt(sim));
  }
}

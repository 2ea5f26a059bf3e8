import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseGpx } from '@muvo/trace';
import type { LabelledSegment, ModelMode } from './labelled-segments';

/** What a source's licence allows: only `redistributable` sources may train the committed default model. */
export interface SourceLicence {
  licence: string;
  redistributable: boolean;
  attribution?: string;
}

/** Licences of the known sources (see the data folder's README); unknown sources are treated as restricted. */
export const SOURCE_LICENCES: Record<string, SourceLicence> = {
  geolife: {
    licence: 'Microsoft Research License Agreement, non-commercial use only, no redistribution',
    redistributable: false,
  },
  gotrack_uci: { licence: 'unverified (UCI page not checked); internal use only', redistributable: false },
  aalto_trafficsense: {
    licence: 'CC BY 4.0',
    redistributable: true,
    attribution:
      'Aalto University, TrafficSense public-transport-dataset (github.com/aalto-trafficsense/public-transport-dataset), licensed under CC BY 4.0',
  },
  'muvo-simulator': { licence: "muvo's own (AGPL-3.0-or-later)", redistributable: true },
  'gpx-bsd-2-clause': { licence: 'BSD-2-Clause (© 2016 Mapbox, mapbox/togeojson test data)', redistributable: true },
};

export function sourceLicence(source: string): SourceLicence {
  return SOURCE_LICENCES[source] ?? { licence: 'unknown', redistributable: false };
}

/**
 * GPX recordings of the data folder whose activity is known and whose licence is permissive. The
 * AGPL-3.0 fixtures (sports-lib) and the unlabelled hikes are left out on purpose.
 */
const LABELLED_GPX: Array<{ file: string; mode: ModelMode; label: string; source: string }> = [
  { file: 'togeojson__run.gpx', mode: 'walk', label: 'run', source: 'gpx-bsd-2-clause' },
  { file: 'togeojson__run_gpxtpx.gpx', mode: 'walk', label: 'run', source: 'gpx-bsd-2-clause' },
];

/** Labelled segments from the permissive, activity-labelled GPX files found under `paths`. */
export function readLabelledGpx(paths: readonly string[]): LabelledSegment[] {
  const out: LabelledSegment[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    const known = LABELLED_GPX.find((g) => g.file === basename(path));
    if (!known) return;
    parseGpx(readFileSync(path, 'utf8')).forEach((trace, i) =>
      out.push({
        id: `${known.file}#${i}`,
        source: known.source,
        user: known.file,
        label: known.label,
        mode: known.mode,
        trace,
        sameLabelAs: [],
      }),
    );
  };
  paths.forEach(visit);
  return out;
}

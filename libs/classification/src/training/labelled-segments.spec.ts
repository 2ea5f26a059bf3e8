import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseLabelledLine, readLabelledSegments } from './labelled-segments';
import { SHARED_DATA_DIR } from '../../../../test/support/shared-data';

const dataDir = SHARED_DATA_DIR;
const withData = existsSync(join(dataDir, 'samples')) ? describe : describe.skip;

describe(parseLabelledLine.name, () => {
  it('reads the normalized dataset format and maps fine labels to modes', () => {
    const s = parseLabelledLine(
      JSON.stringify({
        segment_id: 'geolife-010-00001',
        source: 'geolife',
        user: 'geolife-010',
        mode: 'taxi',
        meta: { same_label_as: ['geolife-064-00001'] },
        points: [
          ['2008-04-01T03:46:35Z', 41.17, 80.26, null],
          ['2008-04-01T03:46:40Z', 41.171, 80.261, 1000.5],
        ],
      }),
    );
    expect(s).toMatchObject({
      id: 'geolife-010-00001',
      user: 'geolife-010',
      label: 'taxi',
      mode: 'car',
      sameLabelAs: ['geolife-064-00001'],
    });
    expect(s.trace.length).toBe(2);
    expect(s.trace.altitude![1]).toBeCloseTo(1000.5);
  });

  it('reads labelled uploads ({id, mode, points: [{lat, lon, ts}]}) and leaves unknown labels unmapped', () => {
    const s = parseLabelledLine(
      '{"id":"x","mode":"airplane","points":[{"lat":1,"lon":2,"ts":1772438400000},{"lat":1,"lon":2.1,"ts":"2026-03-02T08:00:02Z"}]}',
    );
    expect(s.mode).toBeNull();
    expect(Array.from(s.trace.ts)).toEqual([1772438400000, 1772438402000]);
  });
});

withData('the shared labelled data (skipped when absent)', () => {
  it('reads the samples with accuracy for Aalto and every mode group', () => {
    const segments = readLabelledSegments([join(dataDir, 'samples')], {
      skipSamples: false,
      minPoints: 2,
      minDurationS: 0,
    });
    expect(new Set(segments.map((s) => s.mode))).toEqual(new Set(['walk', 'bike', 'bus', 'car', 'train', null]));
    expect(segments.find((s) => s.source === 'aalto_trafficsense')!.trace.accuracy).not.toBeNull();
  });
});

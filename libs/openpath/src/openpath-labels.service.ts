import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TravelMode } from '@muvo/classification';
import { rows } from '@muvo/database';
import { DomainException } from '@muvo/kernel';
import { counter } from '@muvo/observability';
import { ReviewService } from '@muvo/scoring';
import { type TripLeg, tripsOverlapping } from '@muvo/tracking';
import { labelsOfTrip } from './openpath-diary.service';
import { expandUploads } from './openpath-uploads';

const labelDisputes = counter('muvo_openpath_label_disputes_total', 'Disputes opened from OpenPATH mode labels');

/**
 * The app's mode labels (e-mission's label options, and the ones `openpath:config` publishes)
 * as muvo's modes; labels with no muvo mode (`not_a_trip`, `other`…) dispute nothing.
 */
const LABEL_MODES: Record<string, TravelMode> = {
  walk: 'walk',
  run: 'walk',
  bike: 'bike',
  'e-bike': 'bike',
  bikeshare: 'bike',
  bus: 'bus',
  free_shuttle: 'bus',
  train: 'train',
  light_rail: 'train',
  subway: 'train',
  car: 'car',
  drove_alone: 'car',
  shared_ride: 'car',
  taxi: 'car',
  e_car_drove_alone: 'car',
  e_car_shared_ride: 'car',
};

export function modeOfLabel(label: string): TravelMode | null {
  return LABEL_MODES[label.toLowerCase()] ?? null;
}

/** Disputes wanted for this participant's labelled trips: the main leg's mode against the label's. */
export function disputeOf(legs: readonly TripLeg[], label: string): { legIndex: number; mode: TravelMode } | null {
  const wanted = modeOfLabel(label);
  if (!wanted || legs.length === 0) return null;
  let main = 0;
  legs.forEach((leg, index) => {
    if (leg.distanceM > legs[main].distanceM) main = index;
  });
  return legs[main].mode === wanted ? null : { legIndex: main, mode: wanted };
}

/**
 * The person's own mode label for a trip (`manual/mode_confirm`) checked against muvo's mode: a
 * label that disagrees opens a dispute in the operators' review queue, the same path as
 * `POST /v1/trips/:id/disputes`. A label is looked at once its trip is scored.
 */
@Injectable()
export class OpenpathLabels {
  private readonly logger = new Logger(OpenpathLabels.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: ReviewService,
  ) {}

  /** Compares the participant's new labels with their scored trips; returns the disputes opened. */
  async apply(participantId: string): Promise<number> {
    await expandUploads(this.dataSource, participantId);
    const labels = await rows<{ write_ts: number; label: string; start_ts: number; end_ts: number }>(
      this.dataSource,
      `SELECT write_ts, data->>'label' AS label, (data->>'start_ts')::float8 AS start_ts, (data->>'end_ts')::float8 AS end_ts
         FROM openpath_entries
        WHERE participant_id = $1 AND key = 'manual/mode_confirm' AND applied_at IS NULL
        ORDER BY write_ts`,
      [participantId],
    );
    if (labels.length === 0) return 0;
    const trips = await tripsOverlapping(
      this.dataSource,
      participantId,
      Math.min(...labels.map((l) => l.start_ts)),
      Math.max(...labels.map((l) => l.end_ts)),
    );
    const settled: number[] = [];
    let opened = 0;
    for (const trip of trips) {
      const mine = labels.filter(
        (l) =>
          labelsOfTrip({ startTs: trip.startTs, endTs: trip.endTs }, [
            { key: 'manual/mode_confirm', label: l.label, startTs: l.start_ts, endTs: l.end_ts, writeTs: l.write_ts },
          ]).mode_confirm !== undefined,
      );
      if (mine.length === 0 || ['queued', 'processing', 'receiving'].includes(trip.status)) continue;
      // The latest label is the person's answer.
      const dispute = trip.status === 'scored' ? disputeOf(trip.legs ?? [], mine[mine.length - 1].label) : null;
      if (dispute) {
        try {
          await this.reviews.dispute(participantId, trip.id, {
            ...dispute,
            note: `OpenPATH label "${mine[mine.length - 1].label}"`,
          });
          opened++;
          labelDisputes.inc();
        } catch (error) {
          // Already disputed, window closed, not disputable: the label stays recorded all the same.
          if (!(error instanceof DomainException)) throw error;
          this.logger.debug(`label on trip ${trip.id} opens no dispute: ${error.code}`);
        }
      }
      settled.push(...mine.map((l) => l.write_ts));
    }
    if (settled.length) {
      await this.dataSource.query(
        `UPDATE openpath_entries SET applied_at = now()
          WHERE participant_id = $1 AND key = 'manual/mode_confirm' AND write_ts = ANY($2::float8[])`,
        [participantId, settled],
      );
    }
    return opened;
  }
}

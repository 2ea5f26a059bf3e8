import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MapLine } from './trip-geometry';

/** Wire values of a trip's lifecycle (part of the API contract). */
export const TRIP_STATUSES = ['receiving', 'queued', 'processing', 'scored', 'flagged', 'rejected'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/** Statuses after which scoring will not run again on its own. */
export const FINAL_TRIP_STATUSES: ReadonlySet<TripStatus> = new Set(['scored', 'flagged', 'rejected']);

/** One leg as shown to the participant. */
export interface TripLeg {
  mode: string;
  confidence: number;
  startedAt: string;
  endedAt: string;
  distanceM: number;
  durationS: number;
}

@Entity({ name: 'trips' })
export class TripEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'participant_id' })
  participantId: string;

  @Column('text', { name: 'city_id', nullable: true })
  cityId: string | null;

  @Column('text')
  status: TripStatus;

  @Column('text', { name: 'source_format' })
  sourceFormat: string;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('text', { name: 'trace_hash' })
  traceHash: string;

  @Column('integer', { name: 'point_count' })
  pointCount: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'ended_at' })
  endedAt: Date;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'scored_at', nullable: true })
  scoredAt: Date | null;

  @Column('double precision', { name: 'distance_m', nullable: true })
  distanceM: number | null;

  @Column('integer', { name: 'points_awarded' })
  pointsAwarded: number;

  @Column('jsonb', { nullable: true })
  legs: TripLeg[] | null;

  /** The scoring receipt: why the trip earned what it earned (see the scoring lib). */
  @Column('jsonb', { nullable: true })
  receipt: Record<string, unknown> | null;

  @Column('text', { array: true })
  flags: string[];

  /** Live trips: when the last chunk arrived (the idle sweep finishes silent trips). */
  @Column('timestamptz', { name: 'last_chunk_at', nullable: true })
  lastChunkAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** When retention deleted the trip's raw fixes (null while they are kept). */
  @Column('timestamptz', { name: 'fixes_expired_at', nullable: true })
  fixesExpiredAt: Date | null;

  /**
   * What is drawn once the raw fixes are gone: a ~100 m line outside the participant's privacy
   * zones and the city's trim, or null when the city keeps no line.
   */
  @Column('jsonb', { name: 'retained_line', nullable: true })
  retainedLine: MapLine | null;

  /** `upload` (a whole trip), `client` (a live trip finished by the app) or `idle` (by the sweep). */
  @Column('text', { name: 'finish_reason', nullable: true })
  finishReason: 'upload' | 'client' | 'idle' | null;
}

/**
 * Queue names and job payloads: a wire contract between the apps. Changing a value breaks
 * jobs already waiting in Redis, so add new names rather than renaming.
 */
export enum QueueName {
  Scoring = 'scoring',
}

export enum JobName {
  ScoreTrip = 'score-trip',
}

/** Jobs carry ids only: the worker reloads the truth from PostgreSQL, so a retry sees it. */
export interface ScoreTripJobData {
  tripId: string;
}

export type JobItem = { name: JobName.ScoreTrip; data: ScoreTripJobData };

/** The queue each job goes to. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ScoreTrip]: QueueName.Scoring,
};

/**
 * Job ids derive from the entity, so enqueueing the same trip twice while a job for it exists
 * is a no-op (BullMQ ignores an `add` whose id is taken).
 */
export function jobIdOf(item: JobItem): string {
  switch (item.name) {
    case JobName.ScoreTrip:
      return `${item.name}-${item.data.tripId}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a payload taken off the queue; a malformed job fails instead of doing damage. */
export function parseJobItem(name: string, data: unknown): JobItem {
  const payload = data as Record<string, unknown> | null;
  switch (name) {
    case JobName.ScoreTrip:
      if (typeof payload?.tripId === 'string' && UUID.test(payload.tripId)) {
        return { name: JobName.ScoreTrip, data: { tripId: payload.tripId } };
      }
      throw new Error(`malformed ${name} payload: ${JSON.stringify(data)}`);
    default:
      throw new Error(`unknown job name ${name}`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';
import { type Reviewer, ReviewService } from '@muvo/scoring';
import { TripDisclosureService } from '@muvo/privacy';
import { recordPersonalDataAccess } from '@muvo/audit';

export interface BulkOutcome {
  id: string;
  ok: boolean;
  status?: string;
  code?: string;
  message?: string;
}

/**
 * The console's review desk: one review with what its map needs (the trace, legs with modes and
 * speeds, flags, the participant's history of flags), and bulk decisions, each taken alone so one
 * failure leaves the others decided.
 */
@Injectable()
export class ReviewDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: ReviewService,
    private readonly disclosure: TripDisclosureService,
  ) {}

  async detail(principal: Principal, reviewer: Reviewer, id: string) {
    const review = await this.reviews.get(reviewer, id);
    // Without the participant's privacy zones and the city's trim, as every view for others.
    const trace = await this.disclosure.traceForOthersOf(review.tripId);
    await recordPersonalDataAccess(
      this.dataSource.manager,
      principal,
      { id: review.participantId, cityId: review.cityId },
      `trip ${review.tripId} in review`,
      'review of a flagged trip or dispute',
    );
    const coordinates: [number, number][] = [];
    const times: number[] = [];
    for (let i = 0; i < (trace?.length ?? 0); i++) {
      coordinates.push([Math.round(trace!.lon[i] * 1e6) / 1e6, Math.round(trace!.lat[i] * 1e6) / 1e6]);
      times.push(trace!.ts[i]);
    }
    return {
      ...review,
      trip: { ...review.trip, geometry: coordinates.length >= 2 ? { type: 'LineString' as const, coordinates } : null },
      trace: { type: 'LineString' as const, coordinates, times },
      participantHistory: await this.reviews.historyOf(review.participantId, review.cityId),
    };
  }

  async bulk(reviewer: Reviewer, ids: string[], action: 'approve' | 'reject', note: string | null) {
    if (action === 'reject' && (!note || note.trim().length < 3)) {
      throw new DomainException(
        'VALIDATION_FAILED',
        'invalid',
        'rejecting needs a note saying why (at least 3 characters)',
        {
          issues: [{ path: ['note'], message: 'say why (at least 3 characters)' }],
        },
      );
    }
    const outcomes: BulkOutcome[] = [];
    for (const id of ids) {
      try {
        const view =
          action === 'approve'
            ? await this.reviews.approve(reviewer, id, note)
            : await this.reviews.reject(reviewer, id, note!);
        outcomes.push({ id, ok: true, status: view.status });
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        outcomes.push({ id, ok: false, code: error.code, message: error.message });
      }
    }
    return {
      items: outcomes,
      decided: outcomes.filter((o) => o.ok).length,
      failed: outcomes.filter((o) => !o.ok).length,
    };
  }
}

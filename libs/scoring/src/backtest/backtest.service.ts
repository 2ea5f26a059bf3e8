import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { daysBetween } from '@muvo/gamification';
import type { ScoringRulesInput } from '../pricing/scoring-rules';
import { ScoringErrors } from '../scoring.exceptions';
import { loadIssuedBefore, loadScoredTrips } from '../scoring-store';
import { type BacktestResult, runBacktest } from './backtest';

/** Longest period a backtest replays (local days). */
export const MAX_BACKTEST_DAYS = 366;

/**
 * Runs draft rules over a city's scored trips of a period of local days (see `runBacktest`):
 * reads the trips and the campaigns' earlier issuance in one snapshot, writes nothing.
 */
@Injectable()
export class BacktestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
  ) {}

  async run(cityId: string, request: { rules: ScoringRulesInput; from: string; to: string }): Promise<BacktestResult> {
    const { from, to } = request;
    if (to < from) throw ScoringErrors.invalidPeriod(`"to" (${to}) is before "from" (${from})`);
    if (daysBetween(from, to) >= MAX_BACKTEST_DAYS) {
      throw ScoringErrors.invalidPeriod(`a backtest covers at most ${MAX_BACKTEST_DAYS} days`);
    }
    const profile = await this.cities.loadProfile(cityId);
    if (!profile) throw ScoringErrors.cityNotFound(cityId);
    const { trips, issuedBefore } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      trips: await loadScoredTrips(manager, cityId, from, to),
      issuedBefore: await loadIssuedBefore(manager, cityId, from),
    }));
    return runBacktest({ profile, draft: request.rules, from, to, trips, issuedBefore });
  }
}

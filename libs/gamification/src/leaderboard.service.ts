import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { citySummaries } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { findAccounts } from '@muvo/identity';
import { netCredits } from '@muvo/ledger';
import { REDIS_CLIENT } from '@muvo/observability';
import type { BoardCredit, BoardEntry, BoardPage, BoardRef } from './leaderboard.types';
import { readTeams } from './team-store';

/** How long a board may go without being rebuilt from PostgreSQL (heals any missed increment). */
const BUILT_TTL_FACTOR = 1;

/**
 * Leaderboards as Redis sorted sets, derived from the ledger. PostgreSQL is the source of truth:
 * a board whose "built" marker is missing (Redis restarted, lost its data, or the marker expired)
 * is rebuilt from the trip credits and their reversals before it is read or incremented, and
 * markers expire every `LEADERBOARD_REBUILD_INTERVAL_S`, which heals an increment lost to a
 * crash between the ledger commit and the Redis update.
 */
@Injectable()
export class LeaderboardService {
  private readonly logger = new Logger(LeaderboardService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  keyOf(board: BoardRef): string {
    const period = 'week' in board.period ? `w:${board.period.week}` : `c:${board.period.campaignId}`;
    const scope = board.kind === 'city' ? '*' : board.cityId;
    return `${this.config.redis.prefix}:lb:${board.kind}:${scope}:${period}`;
  }

  private boardsOf(credit: BoardCredit): { board: BoardRef; member: string }[] {
    const out: { board: BoardRef; member: string }[] = [];
    const periods: BoardRef['period'][] = [{ week: credit.week }];
    if (credit.campaignId) periods.push({ campaignId: credit.campaignId });
    for (const period of periods) {
      out.push({ board: { kind: 'individual', cityId: credit.cityId, period }, member: credit.participantId });
      if (credit.teamId) out.push({ board: { kind: 'team', cityId: credit.cityId, period }, member: credit.teamId });
    }
    out.push({ board: { kind: 'city', cityId: credit.cityId, period: { week: credit.week } }, member: credit.cityId });
    return out;
  }

  /**
   * Adds a committed credit to its boards. Boards not built yet are left alone: their rebuild
   * reads the credit from PostgreSQL. Failures are logged, never thrown: the ledger is the truth.
   */
  async applyCredit(credit: BoardCredit): Promise<void> {
    await this.applyCredits([credit]);
  }

  /** {@link applyCredit} for many credits, in two round trips to Redis whatever their number. */
  async applyCredits(credits: readonly BoardCredit[]): Promise<void> {
    const targets = credits
      .filter((c) => c.points)
      .flatMap((credit) => this.boardsOf(credit).map((t) => ({ ...t, points: credit.points })));
    if (!targets.length) return;
    try {
      const keys = targets.map((t) => this.keyOf(t.board));
      const built = await this.redis.mget(...keys.map((k) => `${k}:built`));
      const pipeline = this.redis.pipeline();
      targets.forEach((t, i) => {
        if (built[i]) pipeline.zincrby(keys[i], t.points, t.member);
      });
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`leaderboard update skipped (${(error as Error).message}); the next rebuild includes it`);
    }
  }

  /** Recomputes a board from the ledger and swaps it in atomically. */
  async rebuild(board: BoardRef): Promise<void> {
    const key = this.keyOf(board);
    const scores = await this.scoresFromLedger(board);
    const temp = `${key}:rebuild:${process.pid}:${Date.now()}`;
    const multi = this.redis.multi();
    if (scores.length) {
      for (let i = 0; i < scores.length; i += 1000) {
        multi.zadd(temp, ...scores.slice(i, i + 1000).flatMap((s) => [s.score, s.id]));
      }
      multi.rename(temp, key);
    } else {
      multi.del(key);
    }
    multi.set(
      `${key}:built`,
      new Date().toISOString(),
      'EX',
      this.config.scoring.leaderboardRebuildIntervalS * BUILT_TTL_FACTOR,
    );
    await multi.exec();
  }

  private async scoresFromLedger(board: BoardRef): Promise<{ id: string; score: number }[]> {
    const period: Record<string, string> =
      'week' in board.period ? { week: board.period.week } : { campaignId: board.period.campaignId };
    const credits = await netCredits(this.dataSource, {
      kind: 'trip-credit',
      groupBy: board.kind === 'individual' ? 'owner' : { metadata: board.kind === 'team' ? 'teamId' : 'cityId' },
      metadata: board.kind === 'city' ? period : { ...period, cityId: board.cityId },
    });
    return credits.map((c) => ({ id: c.id, score: c.amount }));
  }

  private async ensureBuilt(board: BoardRef): Promise<string> {
    const key = this.keyOf(board);
    if (!(await this.redis.exists(`${key}:built`))) await this.rebuild(board);
    return key;
  }

  /** The top of a board, with the caller's own entry (rank and score) when they are on it. */
  async read(board: BoardRef, options: { limit: number; memberId?: string | null }): Promise<BoardPage> {
    const key = await this.ensureBuilt(board);
    const flat = await this.redis.zrevrange(key, 0, options.limit - 1, 'WITHSCORES');
    const top: { id: string; score: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) top.push({ id: flat[i], score: Number(flat[i + 1]) });
    let me: { id: string; score: number; rank: number } | null = null;
    if (options.memberId) {
      const [rank, score] = await Promise.all([
        this.redis.zrevrank(key, options.memberId),
        this.redis.zscore(key, options.memberId),
      ]);
      if (rank !== null && score !== null) me = { id: options.memberId, score: Number(score), rank: rank + 1 };
    }
    const names = await this.namesOf(board, [...top.map((t) => t.id), ...(me ? [me.id] : [])]);
    // Equal scores share a rank (1, 2, 2, 4…), as people expect of a table.
    const items: BoardEntry[] = [];
    top.forEach((t, i) => {
      const rank = i > 0 && t.score === top[i - 1].score ? items[i - 1].rank : i + 1;
      items.push({ rank, id: t.id, name: names.get(t.id) ?? t.id, score: t.score });
    });
    let mine: BoardEntry | null = null;
    if (me) {
      const higher = await this.redis.zcount(key, `(${me.score}`, '+inf');
      mine = { rank: higher + 1, id: me.id, name: names.get(me.id) ?? me.id, score: me.score };
    }
    return { board: key.slice(this.config.redis.prefix.length + 1), items, me: mine };
  }

  private async namesOf(board: BoardRef, ids: string[]): Promise<Map<string, string>> {
    if (board.kind === 'individual') {
      const accounts = await findAccounts(this.dataSource, ids);
      return new Map([...accounts].map(([id, a]) => [id, a.displayName ?? `Participant ${id.slice(0, 6)}`]));
    }
    if (board.kind === 'team') {
      const teams = await readTeams(this.dataSource, board.cityId);
      return new Map(teams.map((t) => [t.id, t.name]));
    }
    return new Map([...(await citySummaries(this.dataSource, ids))].map(([id, city]) => [id, city.name]));
  }
}

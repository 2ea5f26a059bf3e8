import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '@muvo/audit';
import type { LineStringGeometry } from '@muvo/geo';
import { DomainException } from '@muvo/kernel';
import { RouteEntity } from './route.entity';
import { routeSlug } from './route-file';

/** Who changes a route: an operator or admin account, named in the audit log. */
export interface RouteActor {
  accountId: string;
  role: string;
}

export interface RouteInput {
  name: string;
  corridorM: number;
  geometry: LineStringGeometry;
}

export interface RouteView extends RouteInput {
  id: string;
}

export const RouteErrors = {
  cityNotFound: (id: string) => new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${id}`),
  routeNotFound: (id: string) => new DomainException('ROUTE_NOT_FOUND', 'not-found', `no route ${id}`),
};

const view = (r: RouteEntity): RouteView => ({ id: r.id, name: r.name, corridorM: r.corridorM, geometry: r.geometry });

/** The city-file form of a route, so the audit's before/after read like `city:apply`'s diff. */
const asThing = (r: RouteInput | null) => r && { name: r.name, corridorM: r.corridorM, geometry: r.geometry };

/**
 * Routes changed from the console: each change audited with before and after, in the
 * transaction that makes it. `city:apply` sees them as changed through the admin API (it compares
 * the live routes with what its last apply left) and refuses to undo them unless forced, and the
 * worker's city cache reloads routes within `SCORING_CITY_CACHE_MS`.
 */
@Injectable()
export class RoutesAdminService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(cityId: string): Promise<RouteView[]> {
    const routes = await this.dataSource.manager.find(RouteEntity, { where: { cityId }, order: { id: 'ASC' } });
    return routes.map(view);
  }

  async get(cityId: string, id: string): Promise<RouteView> {
    const route = await this.dataSource.manager.findOneBy(RouteEntity, { cityId, id });
    if (!route) throw RouteErrors.routeNotFound(id);
    return view(route);
  }

  /** A new route whose id is its name's slug, made unique in the city (`-2`, `-3`…). */
  create(actor: RouteActor, cityId: string, input: RouteInput): Promise<RouteView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCity(manager, cityId);
      const base = routeSlug(input.name);
      const taken = new Set(
        (
          await manager.query(`SELECT id FROM routes WHERE city_id = $1 AND (id = $2 OR id LIKE $2 || '-%')`, [
            cityId,
            base,
          ])
        ).map((r: { id: string }) => r.id),
      );
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      await manager.query(`INSERT INTO routes (city_id, id, name, corridor_m, geometry) VALUES ($1, $2, $3, $4, $5)`, [
        cityId,
        id,
        input.name,
        input.corridorM,
        JSON.stringify(input.geometry),
      ]);
      await this.changed(manager, actor, cityId, id, 'route.created', null, input);
      return { id, ...input };
    });
  }

  update(actor: RouteActor, cityId: string, id: string, input: RouteInput): Promise<RouteView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCity(manager, cityId);
      const before = await manager.findOneBy(RouteEntity, { cityId, id });
      if (!before) throw RouteErrors.routeNotFound(id);
      await manager.query(
        `UPDATE routes SET name = $3, corridor_m = $4, geometry = $5 WHERE city_id = $1 AND id = $2`,
        [cityId, id, input.name, input.corridorM, JSON.stringify(input.geometry)],
      );
      await this.changed(manager, actor, cityId, id, 'route.updated', view(before), input);
      return { id, ...input };
    });
  }

  /**
   * Removes a route. `alsoDo` runs in the same transaction once the route is gone, for what other
   * contexts keep about it (the shops along it, which this context cannot reach: vouchers depends
   * on cities); what it returns is added to the audit entry, so the entry tells all the removal did.
   */
  remove(
    actor: RouteActor,
    cityId: string,
    id: string,
    alsoDo?: (manager: EntityManager) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCity(manager, cityId);
      const before = await manager.findOneBy(RouteEntity, { cityId, id });
      if (!before) throw RouteErrors.routeNotFound(id);
      await manager.query(`DELETE FROM routes WHERE city_id = $1 AND id = $2`, [cityId, id]);
      const consequences = alsoDo ? await alsoDo(manager) : {};
      await this.changed(manager, actor, cityId, id, 'route.removed', view(before), null, consequences);
    });
  }

  /** Route changes of one city happen one at a time (unique slugs, consistent audit order). */
  private async lockCity(manager: EntityManager, cityId: string): Promise<void> {
    const [city] = await manager.query(`SELECT id FROM cities WHERE id = $1 FOR UPDATE`, [cityId]);
    if (!city) throw RouteErrors.cityNotFound(cityId);
  }

  private async changed(
    manager: EntityManager,
    actor: RouteActor,
    cityId: string,
    id: string,
    action: string,
    before: RouteInput | null,
    after: RouteInput | null,
    more: Record<string, unknown> = {},
  ): Promise<void> {
    await manager.query(`UPDATE cities SET updated_at = now() WHERE id = $1`, [cityId]);
    await appendAudit(manager, {
      actorId: actor.accountId,
      actorRole: actor.role,
      cityId,
      action,
      subject: `route:${cityId}/${id}`,
      details: { before: asThing(before), after: asThing(after), ...more },
    });
  }
}

import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type CityMap, type CityRoute, consoleApi, itemsOf } from '../../api/console-contract';
import { webConfig } from '../../app-config';
import { mapLocale } from '../../components/lazy-map';
import { formatNumber } from '../../format';
import type { CityMapHandle } from '../../map/city-map-view';
import { TRANSIT_COLOURS } from '../../map/transit-colours';
import { shopsAlong } from '../../map/corridor';
import {
  checkNumber,
  NumberField,
  type NumberRule,
  PageTitle,
  parseNumber,
  Problem,
  Status,
  useBusy,
  useLoaded,
} from './console-kit';

type Position = [number, number];

/** The city file's limit on a corridor (libs/programme: positive, at most 5 km). */
const CORRIDOR: NumberRule = { min: 0, max: 5000, exclusiveMin: true };
const SHOP_STATUSES = ['approved', 'pending', 'suspended', 'rejected'] as const;

/**
 * The city's map from the console api; on a server without it yet, the shops from the voucher
 * service, so the map still shows what exists and a drawn route still says which shops it reaches.
 */
async function loadCity(): Promise<{ city: CityMap; partial: boolean }> {
  try {
    return { city: await consoleApi.map(), partial: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const shops = itemsOf(await consoleApi.shops()).map((m) => ({
      id: m.id,
      name: m.name,
      status: m.status ?? 'approved',
      lat: m.location.lat,
      lon: m.location.lon,
    }));
    return { city: { area: null, routes: [], shops, stops: [], lines: [] }, partial: true };
  }
}

interface Draft {
  /** The saved route being edited, or null for a new one. */
  routeId: string | null;
  name: string;
  corridor: string;
  line: Position[];
}

const NEW_DRAFT: Draft = { routeId: null, name: '', corridor: '150', line: [] };

export function CityMapPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [generation, setGeneration] = useState(0);
  const loaded = useLoaded(loadCity, [generation]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [nameError, setNameError] = useState('');
  const { busy, run } = useBusy();
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<CityMapHandle | null>(null);
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const city = loaded.value?.city;

  const corridorCheck = draft ? checkNumber(draft.corridor, CORRIDOR) : null;
  const corridorM = draft && !corridorCheck ? parseNumber(draft.corridor)! : 150;

  useEffect(() => {
    if (!city || !container.current) return;
    let cancelled = false;
    Promise.all([import('../../map/city-map-view'), webConfig()])
      .then(([{ drawCityMap }, config]) => {
        if (cancelled || !container.current) return;
        handle.current = drawCityMap({
          container: container.current,
          styleUrl: config.mapStyleUrl,
          city,
          locale: mapLocale(t, t('con_mapLabel')),
          vertexLabel: (n) => t('con_vertex', { n }),
          onDraftChange: (line) => setDraft((d) => (d ? { ...d, line } : d)),
        });
        setMapState('ready');
      })
      .catch(() => !cancelled && setMapState('failed'));
    return () => {
      cancelled = true;
      handle.current?.remove();
      handle.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [city, language]);

  useEffect(() => {
    handle.current?.setDraft(draft?.line ?? [], corridorM, draft !== null);
  }, [draft, corridorM, mapState]);

  const reached = useMemo(
    () => (draft && city ? shopsAlong(draft.line, city.shops, corridorM) : []),
    [draft, city, corridorM],
  );

  function edit(route: CityRoute | null) {
    setProblem(undefined);
    setStatus('');
    setDraft(
      route
        ? { routeId: route.id, name: route.name, corridor: String(route.corridorM), line: route.geometry.coordinates }
        : NEW_DRAFT,
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setNameError(draft.name.trim() ? '' : t('con_fieldRequired'));
    if (!draft.name.trim() || corridorCheck || draft.line.length < 2) return;
    setProblem(undefined);
    const body = {
      name: draft.name.trim(),
      corridorM,
      geometry: { type: 'LineString' as const, coordinates: draft.line },
    };
    try {
      await run(() => (draft.routeId ? consoleApi.updateRoute(draft.routeId, body) : consoleApi.createRoute(body)));
      setDraft(null);
      setStatus(t('con_routeSaved', { name: body.name }));
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(error);
    }
  }

  async function remove(route: CityRoute) {
    if (!window.confirm(t('con_routeDeleteConfirm', { name: route.name }))) return;
    try {
      await run(() => consoleApi.deleteRoute(route.id));
      setStatus(t('con_routeDeleted', { name: route.name }));
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(error);
    }
  }

  async function importFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('route-file') as File | null;
    const name = String(form.get('import-name') ?? '').trim();
    if (!file || file.size === 0 || !name) {
      setProblem(t('con_importNeeds'));
      return;
    }
    try {
      const route = await run(() => consoleApi.importRoute(file, name, corridorM));
      setStatus(t('con_routeSaved', { name: route.name }));
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(error);
    }
  }

  const metres = (value: number) => formatNumber(language, value, 0);

  return (
    <section aria-labelledby="map-title" className="console-page">
      <PageTitle id="map-title">{t('con_mapTitle')}</PageTitle>
      <p>{t('con_mapIntro')}</p>
      <Problem error={loaded.error} />
      {loaded.value?.partial && <p className="note">{t('con_mapPartial')}</p>}
      <figure className="map-figure">
        <div ref={container} id="city-map" className="map city-map" />
        {mapState !== 'ready' && (
          <figcaption>{mapState === 'loading' ? t('mapLoading') : t('mapUnavailable')}</figcaption>
        )}
      </figure>
      <section aria-labelledby="map-legend-title" className="legend">
        <h2 id="map-legend-title">{t('legendTitle')}</h2>
        <ul>
          <li>
            <span className="swatch" style={{ background: '#2166ac' }} aria-hidden="true" />
            {t('con_legendRoute')}
          </li>
          <li>
            <span className="swatch dashed" style={{ borderColor: '#762a83' }} aria-hidden="true" />
            {t('con_legendDraft')}
          </li>
          {SHOP_STATUSES.map((s) => (
            <li key={s}>
              <span className={`dot shop-${s}`} aria-hidden="true" />
              {t(`con_shop_${s}`)}
            </li>
          ))}
          <li>
            <span className="dot stop" aria-hidden="true" />
            {t('con_legendStop')}
          </li>
          {(['bus', 'rail'] as const)
            .filter((kind) => city?.lines.some((line) => line.kind === kind))
            .map((kind) => (
              <li key={kind}>
                <span className="swatch thin" style={{ background: TRANSIT_COLOURS[kind] }} aria-hidden="true" />
                {t(kind === 'bus' ? 'con_legendBusLine' : 'con_legendRailLine')}
              </li>
            ))}
        </ul>
      </section>
      <Status text={status} />
      <Problem error={problem} />

      {draft ? (
        <form className="card" onSubmit={save} aria-labelledby="draft-title" id="route-editor">
          <h2 id="draft-title">{draft.routeId ? t('con_routeEdit') : t('con_routeNew')}</h2>
          <p className="hint">{t('con_drawHelp')}</p>
          <div className="field">
            <label htmlFor="route-name">{t('con_routeName')}</label>
            <input
              id="route-name"
              value={draft.name}
              maxLength={120}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'route-name-error' : undefined}
            />
            {nameError && (
              <p id="route-name-error" className="error field-error">
                {nameError}
              </p>
            )}
          </div>
          <NumberField
            id="route-corridor"
            label={t('con_corridor')}
            help={t('con_corridorHelp')}
            value={draft.corridor}
            onChange={(corridor) => setDraft({ ...draft, corridor })}
            rule={CORRIDOR}
            suffix="m"
            error={corridorCheck ? t(corridorCheck.key, corridorCheck.values) : undefined}
          />
          <p className="hint">{t('con_drawKeyboard')}</p>
          <button
            type="button"
            className="secondary"
            id="add-centre"
            onClick={() => {
              const centre = handle.current?.centre();
              if (centre) setDraft({ ...draft, line: [...draft.line, centre] });
            }}
          >
            {t('con_addCentre')}
          </button>
          <h3 id="points-title">{t('con_points', { count: draft.line.length })}</h3>
          {draft.line.length < 2 && <p className="hint">{t('con_pointsNeeded')}</p>}
          <ol className="vertices" aria-labelledby="points-title">
            {draft.line.map((p, i) => (
              <li key={`${i}:${p[0]},${p[1]}`}>
                {t('con_vertex', { n: i + 1 })}{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setDraft({ ...draft, line: draft.line.filter((_, j) => j !== i) })}
                >
                  {t('con_vertexDelete', { n: i + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <h3>{t('con_reachedTitle', { count: reached.length })}</h3>
          <ul id="reached-shops">
            {reached.map((shop) => (
              <li key={shop.id}>{t('con_reachedShop', { name: shop.name, distance: metres(shop.distanceM) })}</li>
            ))}
          </ul>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || draft.line.length < 2}>
              {t('con_routeSave')}
            </button>
            <button type="button" className="secondary" onClick={() => setDraft(null)}>
              {t('con_cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" className="primary" id="draw-route" onClick={() => edit(null)} disabled={!city}>
            {t('con_routeDraw')}
          </button>
        </p>
      )}

      <section aria-labelledby="routes-title">
        <h2 id="routes-title">{t('con_routesTitle')}</h2>
        {city && city.routes.length === 0 && <p>{t('con_routesNone')}</p>}
        <ul className="rows">
          {city?.routes.map((route) => (
            <li key={route.id}>
              <span>{t('con_routeLine', { name: route.name, corridor: metres(route.corridorM) })}</span>
              <span className="actions">
                <button type="button" className="secondary" onClick={() => edit(route)}>
                  {t('con_editNamed', { name: route.name })}
                </button>
                <button type="button" className="secondary danger" onClick={() => remove(route)}>
                  {t('con_deleteNamed', { name: route.name })}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <form className="card" onSubmit={importFile} aria-labelledby="import-title">
        <h2 id="import-title">{t('con_importTitle')}</h2>
        <p className="hint">{t('con_importHelp')}</p>
        <div className="field">
          <label htmlFor="import-name">{t('con_routeName')}</label>
          <input id="import-name" name="import-name" maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="route-file">{t('con_importFile')}</label>
          <input id="route-file" name="route-file" type="file" accept=".gpx,.geojson,.json,application/gpx+xml" />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('con_importSubmit')}
        </button>
      </form>

      <section aria-labelledby="shops-list-title">
        <h2 id="shops-list-title">{t('con_mapShopsTitle')}</h2>
        <ul className="rows">
          {city?.shops.map((shop) => (
            <li key={shop.id}>
              <span>
                <span className={`dot shop-${shop.status}`} aria-hidden="true" />
                {shop.name} · {t(`con_shop_${shop.status}`)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

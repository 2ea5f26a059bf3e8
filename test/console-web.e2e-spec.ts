/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { saveTransitNetwork } from '@muvo/transit';
import type { TravelMode } from '../apps/web/src/api/client';
import { en } from '../apps/web/src/locales/en';
import { MODE_COLOURS } from '../apps/web/src/map/leg-lines';
import { TRANSIT_COLOURS } from '../apps/web/src/map/transit-colours';
import { consoleMessages } from '../apps/web/src/locales/console';
import { invitationMessages } from '../apps/web/src/locales/invitation';
import { applyTestCity, BUS_101 } from './factories/city.factory';
import { login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { interpolatedBody, uploadAndFinish } from './scoring-helpers';
import {
  type Browser,
  describeInBrowser,
  expectNoAxeViolations,
  launchBrowser,
  overflowingElements,
  pixelsOf,
  screenshotDir,
} from './support/browser';
import { request } from './support/http-client';
import { watchOverlappingQueries } from './support/pg-overlaps';
import { ensureWebAppBuilt } from './support/web-build';
import { startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(120_000);

const C = consoleMessages;
const SECTIONS = ['map', 'rules', 'kpis', 'reviews', 'participants', 'shops', 'audit'] as const;
const TITLES: Record<(typeof SECTIONS)[number], string> = {
  map: '#map-title',
  rules: '#rules-title',
  kpis: '#kpis-title',
  reviews: '#reviews-title',
  participants: '#participants-title',
  shops: '#shops-title',
  audit: '#audit-title',
};

/**
 * Whether the api serves an endpoint: read from the web app's generated types, which `npm run
 * web:api-types` rewrites from the api's OpenAPI document (web-app.e2e-spec checks they are
 * current). The console's pages for endpoints built on other branches are tested once those land;
 * until then their tests are skipped and say why.
 */
const API_TYPES = readFileSync(join(__dirname, '..', 'apps/web/src/api/api-schema.d.ts'), 'utf8');
const served = (path: string) => API_TYPES.includes(`'${path}': {`);
const itWhenServed = (path: string) =>
  served(path)
    ? it
    : (name: string, fn: jest.ProvidesCallback) => it.skip(`${name} [skipped: the api does not serve ${path} yet]`, fn);

/** A tram line across the south of the test city ([lon, lat]), 2 km from the rides along bus 101. */
const TRAM_LINE: [number, number][] = [
  [13.335, 38.0925],
  [13.35, 38.0935],
  [13.365, 38.093],
  [13.385, 38.0945],
];

/** A leg's receipt lines as the participant's trip answers them. */
interface ReceiptLeg {
  mode: string;
  pointsPerKm: number;
  points: number;
}

describeInBrowser('console')('the operators’ console in Chromium', () => {
  let s: WebStack;
  let browser: Browser;
  let page: Page;
  let operatorEmail: string;
  let operatorToken: string;
  let cyclist: TestParticipant;
  const shots = screenshotDir('console');
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const api = (method: string, path: string, options: Parameters<typeof request>[3] = {}) =>
    request(s.api.url, method, path, { token: operatorToken, ...options });
  const open = async (section: (typeof SECTIONS)[number]) => {
    await page.evaluate((h) => (window.location.hash = h), `#/console/${section}`);
    await page.waitForSelector(TITLES[section]);
  };

  const watcher = watchOverlappingQueries();

  beforeAll(async () => {
    ensureWebAppBuilt();
    // Rules changed in the console apply to the very next trip (no city cache in between).
    s = await startWebStack({
      env: { SCORING_CITY_CACHE_MS: '0' },
      city: { teams: [{ id: 'kalsa', name: 'Kalsa', kind: 'neighbourhood' }] },
    });
    operatorEmail = (s.city.raw.operators as { email: string }[])[0].email;
    operatorToken = await login(s.api.url, operatorEmail, s.city.password(operatorEmail));
    cyclist = await registerParticipant(s.api.url, { cityId: String(s.city.raw.id) });
    // Past trips for the backtest, and one a naive cheat made, for the review queue.
    const ride = await uploadAndFinish(
      s.api.url,
      cyclist.token,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 301, startTime: Date.now() - 26 * 3600_000 }),
    );
    expect(ride.status).toBe('scored');
    const cheat = await uploadAndFinish(
      s.api.url,
      cyclist.token,
      interpolatedBody(BUS_101, 4.5, Date.now() - 20 * 3600_000),
    );
    expect(cheat.status).toBe('flagged');
    // A GTFS line along the south of the city, away from the rides above, for the map to draw.
    await saveTransitNetwork(
      s.api.app.get(DataSource),
      String(s.city.raw.id),
      {
        stops: TRAM_LINE.map(([lon, lat], i) => ({ stopId: `t${i}`, name: `Tram ${i}`, lat, lon, kind: 'bus' })),
        shapes: [{ shapeId: 'tram-1', kind: 'bus', routeIds: ['T1'], coordinates: TRAM_LINE }],
      },
      { name: 'tram.zip', bytes: new Uint8Array([1]) },
    );
    browser = await launchBrowser('en-GB');
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    watcher.stop();
    await browser?.close();
    await s?.close();
  });

  it('lets an operator log in on the same page and land in the console, which participants never download', async () => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto(`${s.api.url}/app/`);
    await page.waitForSelector('#auth-title');
    expect(fetched.filter((url) => /console|rules-page|kpis-page|time-chart/.test(url))).toEqual([]);

    await page.fill('#email', operatorEmail);
    await page.fill('#password', s.city.password(operatorEmail));
    await page.click('button[type=submit]');
    await page.waitForSelector('#map-title');
    expect(page.url()).toContain('#/console/map');
    expect(await page.textContent('#map-title')).toBe(C.en.con_mapTitle);
    // The participant's menu is not the operator's: the console has its own.
    expect(await page.$(`.top nav a:has-text("${en.navUpload}")`)).toBeNull();
    expect(await page.$$eval('.console-nav a', (links) => links.map((a) => a.textContent))).toEqual(
      SECTIONS.map((section) => C.en[`con_nav_${section}` as keyof typeof C.en]),
    );
    await page.waitForSelector('#city-map[data-drawn=true]', { timeout: 20_000 });
    // The imported GTFS line is drawn, in the colour the legend names.
    expect(pixelsOf(await page.locator('#city-map').screenshot(), TRANSIT_COLOURS.bus)).toBeGreaterThan(100);
    expect(await page.textContent('#map-legend-title ~ ul')).toContain(C.en.con_legendBusLine);
    await shot('1-console-map');
  });

  it('draws a route on the map: a point per click, a point removed, and the shops its corridor reaches', async () => {
    await page.click('#draw-route');
    await page.waitForSelector('#route-editor');
    await page.locator('#city-map').scrollIntoViewIfNeeded();
    const box = (await page.locator('#city-map canvas').boundingBox())!;
    for (const x of [0.3, 0.5, 0.7]) await page.mouse.click(box.x + box.width * x, box.y + box.height * 0.5);
    await page.waitForFunction(() => document.querySelectorAll('.vertex').length === 3);
    expect(await page.textContent('#points-title')).toBe('3 points on the route');
    await page.click(`button:has-text("${C.en.con_vertexDelete.replace('{{n}}', '2')}")`);
    await page.waitForFunction(() => document.querySelectorAll('.vertex').length === 2);

    await page.fill('#route-name', 'Via dei negozi');
    await page.fill('#route-corridor', 'wide');
    expect(await page.textContent('#route-corridor-error')).toBe(C.en.con_fieldNumber);
    await page.fill('#route-corridor', '5');
    await page.waitForFunction(() => document.querySelectorAll('#reached-shops li').length === 0);
    // The map fits the whole city (area, routes and shops): a wide corridor around a line through
    // its middle reaches both shops.
    await page.fill('#route-corridor', '3000');
    await page.waitForFunction(() => document.querySelectorAll('#reached-shops li').length === 2);
    const reached = (await page.textContent('#reached-shops'))!;
    expect(reached).toContain('Bar Maqueda');
    expect(reached).toContain('Libreria');
    await page.waitForSelector('#city-map[data-drawn=true]');
    writeFileSync(join(shots, '2-route-drawn-map.png'), await page.locator('#city-map').screenshot());
    await shot('2-route-drawn');
    await expectNoAxeViolations(page, 'map, drawing');
  });

  itWhenServed('/v1/admin/routes')('saves the drawn route, which the map then shows', async () => {
    await page.click(`button:has-text("${C.en.con_routeSave}")`);
    await page.waitForSelector(`.status:has-text("Via dei negozi")`);
    await page.waitForSelector(`#routes-title ~ ul li:has-text("Via dei negozi")`);
    const map = await api('GET', '/v1/admin/map');
    expect(map.body.routes.map((r: { name: string }) => r.name)).toContain('Via dei negozi');
    await shot('3-route-saved');
  });

  itWhenServed('/v1/admin/backtests')('tries a doubled bike rate on past trips before applying it', async () => {
    await open('rules');
    await page.fill('#rule-pointsPerKm_bike', '12');
    await page.fill('#backtest-from', new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await page.click('#run-backtest');
    await page.waitForSelector('#backtest-result');
    const cells = (mode: string) =>
      page.$$eval(`#backtest-modes tr[data-mode=${mode}] td`, (tds) => tds.map((td) => td.textContent));
    const [, paid, proposed] = await cells('bike');
    expect(Number(proposed!.replace(/\D/g, ''))).toBeGreaterThan(Number(paid!.replace(/\D/g, '')));
    await shot('4-backtest');
    await expectNoAxeViolations(page, 'backtest');
  });

  it('explains and checks the rules as the api does, applies a doubled bike rate, and the next ride is priced by it', async () => {
    // A fresh page: the backtest above left its draft in the form.
    await page.reload();
    await open('rules');
    await page.waitForSelector('#rules-form');
    expect(await page.inputValue('#rule-pointsPerKm_bike')).toBe('6');
    expect(await page.textContent('#rule-multipliers_route_factor-help')).toBe(
      C.en.con_ruleHelp_multipliers_route_factor,
    );
    // The same limits as the api's schema, said in the operator's words, before anything is sent.
    await page.fill('#rule-pointsPerKm_walk', 'ten');
    expect(await page.textContent('#rule-pointsPerKm_walk-error')).toBe(C.en.con_fieldNumber);
    await page.fill('#rule-pointsPerKm_walk', '2000');
    expect(await page.textContent('#rule-pointsPerKm_walk-error')).toBe('Please type a number from 0 to 1000.');
    expect(await page.getAttribute('#rule-pointsPerKm_walk', 'aria-invalid')).toBe('true');
    await page.click('#apply-rules');
    await page.waitForSelector(`[role=alert]:has-text("${C.en.con_fixFirst}")`);
    expect((await api('GET', '/v1/admin/rules')).body.effective.pointsPerKm.walk).toBe(10);
    await page.fill('#rule-pointsPerKm_walk', '10');
    await page.fill('#rule-pointsPerKm_bike', '12');
    await shot('5-rules');
    await page.click('#apply-rules');
    await page.waitForSelector(`.status:has-text("${C.en.con_rulesApplied}")`);
    const rules = (await api('GET', '/v1/admin/rules')).body;
    expect(rules.effective.pointsPerKm).toMatchObject({ walk: 10, bike: 12, bus: 3.75, train: 2.5 });
    // Fields the form does not show are kept (the peak windows of the multiplier).
    expect(rules.effective.multipliers.peak.windows.length).toBeGreaterThan(0);

    const ride = await uploadAndFinish(
      s.api.url,
      cyclist.token,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 302, startTime: Date.now() - 2 * 3600_000 }),
    );
    const bikeLegs = (ride.receipt.legs as ReceiptLeg[]).filter((leg) => leg.mode === 'bike');
    expect(bikeLegs.length).toBeGreaterThan(0);
    expect(bikeLegs.map((leg) => leg.pointsPerKm)).toEqual(bikeLegs.map(() => 12));

    // A campaign, its window checked before sending, its budget in the api's shape.
    await page.click(`button:has-text("${C.en.con_campaignNew}")`);
    await page.fill('#campaign-id', 'bike week');
    await page.fill('#campaign-name', 'Bike week');
    await page.fill('#campaign-startsAt', '2026-12-10');
    await page.fill('#campaign-endsAt', '2026-12-09');
    await page.fill('#campaign-budget', '5000.5');
    await page.click(`button:has-text("${C.en.con_campaignSave}")`);
    expect(await page.textContent('#campaign-id-error')).toBe(C.en.con_campaignIdRule);
    expect(await page.textContent('#campaign-endsAt-error')).toBe(C.en.con_endsAfterStart);
    expect(await page.textContent('#campaign-budget-error')).toBe(C.en.con_fieldWhole);
    await page.fill('#campaign-id', 'bike-week');
    await page.fill('#campaign-endsAt', '2026-12-16');
    await page.fill('#campaign-budget', '5000');
    await page.click(`button:has-text("${C.en.con_campaignSave}")`);
    await page.waitForSelector(`#campaigns-title ~ ul li:has-text("Bike week")`);
    const campaigns = (await api('GET', '/v1/admin/campaigns')).body.items;
    expect(campaigns.find((c: { id: string }) => c.id === 'bike-week')).toMatchObject({
      name: 'Bike week',
      rules: { budget: { totalPoints: 5000 } },
    });

    await open('audit');
    await page.waitForSelector(`#audit-list li:has-text("${C.en['con_action_campaign.created']}")`);
    await page.waitForSelector(`#audit-list li:has-text("${C.en['con_action_rules.replaced']}")`);
    await shot('6-audit');
  });

  it('works a review item: its legs, speeds and flags, a refusal needs a reason, approval with a note', async () => {
    await open('reviews');
    await page.waitForSelector('.review-link');
    expect(await page.textContent('.review-link')).toContain(C.en.con_flag_SYNTHETIC);
    await page.click('.review-link');
    await page.waitForSelector('#review-title');
    await page.waitForSelector('#review-legs tbody tr');
    expect(await page.textContent('#review-flags')).toContain(C.en.con_flag_SYNTHETIC);
    expect(await page.textContent('#review-legs')).toMatch(/\d+\s*km\/h/);
    const reviewId = decodeURIComponent(page.url().split('/').pop()!);
    // The trip's legs on the map, in their modes' colours.
    await page.waitForSelector('#trip-map[data-drawn=true]', { timeout: 20_000 });
    const map = await page.locator('#trip-map').screenshot();
    writeFileSync(join(shots, '7-review-map.png'), map);
    const legModes: string[] = await page.$$eval('#review-legs tbody tr', (rows) =>
      rows.map((row) => (row as HTMLElement).dataset.mode!),
    );
    for (const mode of new Set(legModes)) expect(pixelsOf(map, MODE_COLOURS[mode as TravelMode])).toBeGreaterThan(100);
    // The line comes with the review, to its city's operators only.
    expect((await api('GET', `/v1/admin/reviews/${reviewId}`)).body.trip.geometry.coordinates.length).toBeGreaterThan(
      2,
    );
    const otherCity = await applyTestCity(s.config);
    const otherEmail = (otherCity.raw.operators as { email: string }[])[0].email;
    const otherOperator = await login(s.api.url, otherEmail, otherCity.password(otherEmail));
    const foreign = await api('GET', `/v1/admin/reviews/${reviewId}`, { token: otherOperator });
    expect({ status: foreign.status, code: foreign.body.code, geometry: foreign.body.trip }).toEqual({
      status: 404,
      code: 'REVIEW_NOT_FOUND',
      geometry: undefined,
    });
    await page.click('#reject');
    expect(await page.textContent('#decide-error')).toBe(C.en.con_reasonNeeded);
    expect((await api('GET', `/v1/admin/reviews/${reviewId}`)).body.status).toBe('open');
    await page.fill('#review-note', 'Checked: a real ride along the bus lane');
    await shot('7-review');
    await expectNoAxeViolations(page, 'review item');
    await page.click('#approve');
    await page.waitForSelector(`.status:has-text("${C.en.con_approved}")`);
    const decided = (await api('GET', `/v1/admin/reviews/${reviewId}`)).body;
    expect({ status: decided.status, note: decided.decisionNote }).toEqual({
      status: 'approved',
      note: 'Checked: a real ride along the bus lane',
    });
  });

  it('manages a shop: invites a clerk with a QR code the clerk accepts, and downloads its settlement as CSV', async () => {
    await open('shops');
    await page.click(`button:has-text("${C.en.con_manageNamed.replace('{{name}}', 'Bar Maqueda')}")`);
    await page.waitForSelector('#shop-panel');
    await page.fill('#invite-email', 'new-clerk@bar.example');
    await page.click(`button:has-text("${C.en.con_invite}")`);
    await page.waitForSelector('#invitation svg');
    const link = (await page.getAttribute('#invitation a', 'href'))!;
    expect(link).toMatch(/\/app\/#\/invitation\/[^/]{16,}$/);
    // The clerk opens the link on their own device (no session there) and sets a password.
    const clerk = await launchBrowser('it-IT');
    try {
      await clerk.page.goto(link);
      await clerk.page.waitForSelector('#invitation-title');
      await expectNoAxeViolations(clerk.page, 'invitation');
      await clerk.page.fill('#password', 'the counter by the window');
      await clerk.page.click('button[type=submit]');
      await clerk.page.waitForSelector('#invitation-done');
      await clerk.page.screenshot({ path: join(shots, '8-invitation-accepted.png'), fullPage: true });
    } finally {
      await clerk.close();
    }
    const session = await request(s.api.url, 'POST', '/v1/auth/login', {
      body: { email: 'new-clerk@bar.example', password: 'the counter by the window' },
    });
    expect(session.status).toBe(200);
    // A used invitation says so in words, not with a code.
    const again = await launchBrowser('en-GB');
    try {
      await again.page.goto(link);
      await again.page.fill('#password', 'another long password');
      await again.page.click('button[type=submit]');
      await again.page.waitForSelector(`[role=alert]:has-text("${invitationMessages.en.error_INVITATION_INVALID}")`);
    } finally {
      await again.close();
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#settlement-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^settlement-.+\.csv$/);
    expect(csv.split('\n')[0]).toMatch(/,/);
    await shot('8-shop');
  });

  itWhenServed('/v1/admin/kpis.csv')('filters the results by a team and downloads a chart as CSV', async () => {
    await open('kpis');
    await page.waitForSelector('#chart-km');
    // The filter's groups fill in as their lists arrive (routes come with the city's map).
    for (const value of ['route:via-maqueda', 'team:kalsa']) {
      await page.waitForSelector(`#kpi-filter option[value="${value}"]`, { state: 'attached' });
    }
    // One filter at a time, as the api takes them: the whole city, a campaign, a route or a team.
    const groups = await page.$$eval('#kpi-filter optgroup', (found) =>
      found.map((g) => [g.getAttribute('label'), [...g.querySelectorAll('option')].map((o) => o.textContent)]),
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        [C.en.con_filterRoutes, expect.arrayContaining(['Via Maqueda'])],
        [C.en.con_filterTeams, ['Kalsa']],
      ]),
    );
    await page.selectOption('#kpi-filter', 'team:kalsa');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/v1/admin/kpis?') && r.url().includes('teamId=kalsa')),
      page.click(`#kpis-title ~ form button[type=submit]`),
    ]);
    expect(answer.status()).toBe(200);
    await page.selectOption('#kpi-filter', 'route:via-maqueda');
    const [byRoute] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/v1/admin/kpis?') && r.url().includes('routeId=via-maqueda')),
      page.click(`#kpis-title ~ form button[type=submit]`),
    ]);
    // The team is no longer asked for: one filter at a time.
    expect([byRoute.status(), byRoute.url().includes('teamId')]).toEqual([200, false]);
    await page.waitForSelector('#chart-km');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`button:has-text("${C.en.con_csv.replace('{{chart}}', C.en.con_chart_km)}")`),
    ]);
    expect(readFileSync((await download.path())!, 'utf8').split('\n')[0]).toMatch(/date/);
    await shot('9-kpis');
  });

  for (const language of ['en', 'fr', 'it'] as const) {
    it(`has no accessibility violation on any page of the console in ${language}`, async () => {
      await page.selectOption('#language', language);
      for (const section of SECTIONS) {
        await open(section);
        // Each page's first answer (or its message that the server lacks it) is in.
        await page.waitForLoadState('networkidle');
        expect(await page.textContent('.console-nav [aria-current=page]')).toBe(
          C[language][`con_nav_${section}` as keyof typeof C.en],
        );
        expect(await page.textContent(TITLES[section])).toBe(C[language][`con_${section}Title` as keyof typeof C.en]);
        if (language !== 'en') {
          // Nothing of the console left in English: no English sentence of it on the page.
          const text = (await page.textContent('main'))!;
          const english = Object.entries(C.en)
            .filter(
              ([key, value]) =>
                !value.includes('{{') && value.length >= 12 && value !== C[language][key as keyof typeof C.en],
            )
            .map(([, value]) => value)
            .filter((value) => text.includes(value));
          expect({ section, english }).toEqual({ section, english: [] });
        }
        await expectNoAxeViolations(page, `${section}, ${language}`);
      }
      await shot(`10-rules-${language}`);
      await page.selectOption('#language', 'en');
    }, 240_000);
  }

  it('reaches the console’s menu and the map’s drawing from the keyboard', async () => {
    await page.goto('about:blank');
    await page.goto(`${s.api.url}/app/#/console/map`);
    await page.waitForSelector('#map-title');
    // The page focuses its heading on opening; the keyboard goes on from there, round to the top.
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          return el?.id || el?.getAttribute('aria-label') || el?.textContent?.trim().slice(0, 60) || '';
        }),
      );
    }
    expect(reached).toEqual(
      expect.arrayContaining([
        en.skipToContent,
        en.navLogout,
        'language',
        'draw-route',
        en.mapZoomIn,
        ...SECTIONS.map((section) => C.en[`con_nav_${section}` as keyof typeof C.en]),
      ]),
    );
    // A route drawn without a mouse: the map moved with the arrow keys, a point added at its centre.
    await page.focus('#draw-route');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#route-name');
    await page.focus('#add-centre');
    await page.keyboard.press('Enter');
    await page.focus('#city-map canvas');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    await page.focus('#add-centre');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.vertex').length === 2);
    const [first, second] = await page.$$eval('.vertex', (vertices) =>
      vertices.map((v) => v.getBoundingClientRect().x),
    );
    // The arrow keys moved the map: the first point moved with it, away from the centre.
    expect(Math.abs(second - first)).toBeGreaterThan(20);
    await page.click(`button:has-text("${C.en.con_cancel}")`);
  });

  it('fits a 320 px phone with text at 200% on every page of the console', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    for (const section of SECTIONS) {
      await open(section);
      await page.waitForLoadState('networkidle');
      expect({ section, overflowing: await overflowingElements(page) }).toEqual({ section, overflowing: [] });
    }
    await shot('11-audit-320-200pct');
  });
  it('sent no query on a connection before its previous one answered, in all the above (pg 9 refuses it)', () => {
    expect(watcher.overlaps).toEqual([]);
  });
});

/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { recordConsents } from '@muvo/privacy';
import { API_APP } from '../apps/api/src/api.app';
import { en } from '../apps/web/src/locales/en';
import { MODE_COLOURS } from '../apps/web/src/map/leg-lines';
import { fr } from '../apps/web/src/locales/fr';
import { it as italian } from '../apps/web/src/locales/it';
import { nl } from '../apps/web/src/locales/nl';
import { wallet } from '../apps/web/src/locales/wallet';
import { menu } from '../apps/web/src/locales/menu';
import { disputes } from '../apps/web/src/locales/disputes';
import { people } from '../apps/web/src/locales/people';
import { uploadBody, walkGpx } from './factories/trip.factory';
import { privacy } from '../apps/web/src/locales/privacy';
import { login, registerParticipant } from './factories/participant.factory';
import { VIA_MAQUEDA } from './factories/city.factory';
import { uploadAndFinish } from './scoring-helpers';
import {
  type Browser,
  describeInBrowser,
  expectNoAxeViolations,
  expectFitsPhoneAtLargeText,
  overflowingElements,
  launchBrowser,
  pixelsOf,
  screenshotDir,
  speakLanguage,
} from './support/browser';
import { request } from './support/http-client';
import { focused, openMenuEntry, tabThrough, tabThroughMore } from './support/menu';
import { startApp } from './support/stack';
import { startWebStack, type WebStack } from './support/web-stack';
import { ensureWebAppBuilt } from './support/web-build';

jest.setTimeout(90_000);

describe('the web app served by the api', () => {
  let s: WebStack;

  beforeAll(async () => {
    ensureWebAppBuilt();
    s = await startWebStack();
  }, 90_000);
  afterAll(() => s?.close());

  it('types the web app against the apps’ current OpenAPI documents (npm run web:api-types after an API change)', async () => {
    // openapi-typescript is an ES module tree Jest cannot load: the generator runs as `npm run` would.
    const check = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/web/scripts/generate-api-types.cli.ts',
        '--check',
        '--from',
        s.api.url,
        s.voucher.url,
      ],
      { cwd: join(__dirname, '..') },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(check.stderr).toBe('');
  });

  it('serves the page at /app/ under a strict policy, its settings, and forwards voucher calls', async () => {
    const page = await fetch(`${s.api.url}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const script = (await page.text()).match(/src="(\/app\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${s.api.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Sent as the build compressed it (Node's fetch gets gzip, Chromium br).
    expect(asset.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(asset.headers.get('content-type')).toContain('javascript');

    expect((await request(s.api.url, 'GET', '/app/config.json')).body).toEqual({ mapStyleUrl: null });

    const direct = await request(
      s.voucher.url,
      'GET',
      `/v1/offers?cityId=${encodeURIComponent(String(s.city.raw.id))}`,
    );
    const forwarded = await request(
      s.api.url,
      'GET',
      `/app/voucher-api/v1/offers?cityId=${encodeURIComponent(String(s.city.raw.id))}`,
    );
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toEqual(direct.body);
    expect((forwarded.body as unknown[]).length).toBeGreaterThan(0);
    // The voucher service's own answers and codes come through unchanged.
    const refused = await request(s.api.url, 'POST', '/app/voucher-api/v1/redemptions', {
      body: { code: 'AAAA-AAAA-AA' },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe(
      (await request(s.voucher.url, 'POST', '/v1/redemptions', { body: { code: 'AAAA-AAAA-AA' } })).body.code,
    );

    // A voucher service that does not answer is a 502 with a code, not a hang or a 500.
    const orphan = await startApp(API_APP, { ...s.config, web: { ...s.config.web, voucherUrl: 'http://127.0.0.1:9' } });
    try {
      const down = await request(orphan.url, 'GET', '/app/voucher-api/v1/offers');
      expect({ status: down.status, code: down.body.code }).toEqual({
        status: 502,
        code: 'VOUCHER_SERVICE_UNREACHABLE',
      });
    } finally {
      await orphan.app.close();
    }
  });

  describeInBrowser('web app')('in Chromium', () => {
    let browser: Browser;
    let page: Page;
    const shots = screenshotDir('web');
    const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      browser = await launchBrowser('en-GB');
      page = browser.page;
    });
    afterAll(() => browser?.close());

    it('can be installed on a phone: Chromium finds a valid manifest with its icon and no installability error', async () => {
      await page.goto(`${s.api.url}/app/`);
      await page.waitForSelector('#auth-title');
      const served = await fetch(`${s.api.url}/app/manifest.webmanifest`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain('application/manifest+json');
      const manifest = (await served.json()) as {
        start_url: string;
        scope: string;
        display: string;
        icons: { src: string }[];
      };
      expect(manifest).toMatchObject({ start_url: '/app/', scope: '/app/', display: 'standalone' });
      const icon = await fetch(new URL(manifest.icons[0].src, `${s.api.url}/app/`));
      expect([icon.status, icon.headers.get('content-type')]).toEqual([200, expect.stringContaining('image/svg+xml')]);
      // The service worker (offline wallet) is what makes the page an app the phone can keep.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const cdp = await page.context().newCDPSession(page);
      const parsed = await cdp.send('Page.getAppManifest');
      expect(parsed.errors).toEqual([]);
      expect(parsed.url).toBe(`${s.api.url}/app/manifest.webmanifest`);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      await cdp.detach();
    });

    it('lets a new participant register, upload a GPX walk, and read its receipt in plain English, then French', async () => {
      await page.goto(`${s.api.url}/app/`);
      await page.waitForSelector('#auth-title');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('#auth-title')).toBe(en.loginTitle);
      await expectNoAxeViolations(page, 'login');
      await page.click(`a:has-text("${en.goRegister}")`);
      await page.waitForSelector(`#auth-title:has-text("${en.registerTitle}")`);
      await page.fill('#email', `web-${Date.now()}@example.org`);
      await page.fill('#password', 'a walk along via maqueda');
      // The texts to accept, linked, and the optional uses of one's trips, unticked.
      await page.waitForSelector(`a:has-text("${privacy.en.consentReadPrivacy}")`);
      expect(await page.isChecked('#consent-open-data')).toBe(false);
      await page.check('#consent-accept');
      await shot('register');
      await expectNoAxeViolations(page, 'register');
      await page.click('button[type=submit]');
      await page.waitForSelector('#trips-title');
      await page.waitForFunction((none) => document.body.textContent!.includes(none), en.noTrips);
      expect(await page.textContent('#balance')).toBe('0 points');
      // The city's offers, read from the voucher service through the api's forwarder.
      await page.waitForSelector('.offers li');
      await expectNoAxeViolations(page, 'trips, empty');

      await openMenuEntry(page, en.navUpload);
      await page.waitForSelector('#upload-title');
      await expectNoAxeViolations(page, 'upload');
      await page.setInputFiles('#trip-file', {
        name: 'via-maqueda.gpx',
        mimeType: 'application/gpx+xml',
        buffer: Buffer.from(walkGpx()),
      });
      await page.waitForSelector('#see-trip');
      await page.click('#see-trip');
      await page.waitForSelector('#trip-title');
      // Scoring happens in the worker; the page updates by itself.
      await page.waitForSelector('#receipt .leg', { timeout: 30_000 });
      const receipt = (await page.textContent('#receipt'))!;
      expect(receipt).toMatch(/You walked \d+(\.\d)? km in \d+ minutes\./);
      expect(receipt).toMatch(/In total this trip earned \d+ points?\./);
      // Plain words only: no ids, model scores or wire codes.
      expect(receipt).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|confidence|0\.\d{3}|[A-Z]{3,}_[A-Z]+/);
      expect(await page.textContent('.legend')).toContain(en.mode_walk);
      // The map draws the walk in its colour on the plain background (no tiles, no network).
      await page.waitForSelector('#trip-map[data-drawn=true]', { timeout: 15_000 });
      const map = await page.locator('#trip-map').screenshot();
      writeFileSync(join(shots, 'map.png'), map);
      expect(pixelsOf(map, MODE_COLOURS.walk)).toBeGreaterThan(200);
      expect(pixelsOf(map, MODE_COLOURS.bus)).toBe(0);
      await shot('trip-en');
      await expectNoAxeViolations(page, 'trip');

      await page.selectOption('#language', 'fr');
      await page.waitForSelector('html[lang="fr"]'); // once the French strings are there
      await page.waitForSelector(`#trip-title:has-text("Trajet du")`);
      const recu = (await page.textContent('#receipt'))!;
      expect(recu).toContain(fr.receiptTitle);
      // French writes 0,7 km with a (narrow) no-break space, as Intl does.
      expect(recu).toMatch(/Vous avez marché \d+(,\d)?\s(km) en \d+\sminutes\./);
      expect(recu).toMatch(/Au total, ce trajet a rapporté \d+\spoints?\./);
      expect(await page.textContent('.legend')).toContain(fr.mode_walk);
      // MapLibre's own labels follow the language too.
      expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe(fr.mapZoomIn);
      // The map is redrawn in the new language: its legs are back before anyone looks.
      await page.waitForSelector('#trip-map[data-drawn=true]', { timeout: 15_000 });
      expect(pixelsOf(await page.locator('#trip-map').screenshot(), MODE_COLOURS.walk)).toBeGreaterThan(200);
      await shot('trip-fr');
      await expectNoAxeViolations(page, 'trip, French');

      await page.selectOption('#language', 'it');
      await page.waitForSelector(`#receipt-title:has-text("${italian.receiptTitle}")`);
      expect(await page.textContent('#receipt')).toMatch(/Hai camminato per \d+(,\d)?\skm in \d+\sminuti\./);
      await page.selectOption('#language', 'fr');
      await page.click(`a:has-text("${fr.backToTrips}")`);
      await page.waitForSelector('.trip-link[data-status=scored]');
      expect(await page.textContent('.trip-link')).toContain(fr.status_scored);
      // The balance is the trip's points, as the receipt said.
      const earned = Number(receipt.match(/In total this trip earned (\d+) point/)![1]);
      expect(earned).toBeGreaterThan(0);
      await page.waitForFunction((n) => document.getElementById('balance')!.textContent === `${n} points`, earned);
      await expectNoAxeViolations(page, 'trips, French');
    });

    it('asks a participant to accept a changed privacy notice, in one tap, before they change anything', async () => {
      // A browser of its own, logged in as someone who accepted texts no longer in force.
      const own = await launchBrowser('en-GB');
      try {
        const person = await registerParticipant(s.api.url, { cityId: String(s.city.raw.id) });
        await s.api.app
          .get(DataSource)
          .transaction((manager) =>
            recordConsents(
              manager,
              person.id,
              { terms: 'old', privacy: 'old', openData: true },
              { method: 'self-service' },
            ),
          );
        const tab = own.page;
        await tab.goto(`${s.api.url}/app/`);
        await tab.evaluate(
          (token) => localStorage.setItem('muvo.session', JSON.stringify({ accessToken: token, refreshToken: '' })),
          person.token,
        );
        // A new load, so the app starts with that session.
        await tab.goto('about:blank');
        await tab.goto(`${s.api.url}/app/#/trips`);
        await tab.waitForSelector(`#consent-changed-title:has-text("${privacy.en.consentChangedTitle}")`);
        await tab.waitForSelector(`a:has-text("${privacy.en.consentReadPrivacy}")`);
        await expectNoAxeViolations(tab, 'trips, terms changed');
        await tab.click(`button:has-text("${privacy.en.consentAcceptNew}")`);
        await tab.waitForSelector('#consent-changed-title', { state: 'detached' });
        const consents = await request(s.api.url, 'GET', '/v1/me/consents', { token: person.token });
        // The new texts accepted, the optional choice kept.
        expect(consents.body).toMatchObject({ upToDate: true, current: { openData: true } });
      } finally {
        await own.close();
      }
    });

    it('lets a participant correct a leg’s mode on the trip page, then shows the operator’s answer and the points it moved', async () => {
      const own = await launchBrowser('en-GB');
      const tab = own.page;
      const D = disputes;
      try {
        const person = await registerParticipant(s.api.url, { cityId: String(s.city.raw.id) });
        // Two walks along Via Maqueda, hours apart (not overlapping): one correction accepted, one not.
        const walks = [];
        for (const [seed, hoursAgo] of [
          [611, 5],
          [612, 3],
        ]) {
          const body = uploadBody({
            path: VIA_MAQUEDA,
            mode: 'walk',
            seed,
            startTime: Date.now() - hoursAgo * 3600_000,
          });
          walks.push(await uploadAndFinish(s.api.url, person.token, body));
        }
        expect(walks.map((w) => w.status)).toEqual(['scored', 'scored']);
        const [accepted, refused] = walks;
        await tab.goto(`${s.api.url}/app/`);
        await tab.evaluate(
          (token) => localStorage.setItem('muvo.session', JSON.stringify({ accessToken: token, refreshToken: '' })),
          person.token,
        );
        await tab.goto('about:blank');
        await tab.goto(`${s.api.url}/app/#/trips/${accepted.id}`);
        await tab.waitForSelector('#receipt .leg[data-mode=walk]');

        // 1. "Wrong mode? Tell us" opens the choice of modes, in words with a drawing, never a code.
        const opener = tab.locator('.leg-block').first().locator('button.correct-leg');
        expect(await opener.textContent()).toBe(D.en.disputeOpen);
        expect(await opener.getAttribute('aria-describedby')).toBe('leg-0');
        await opener.click();
        expect(await opener.getAttribute('aria-expanded')).toBe('true');
        expect(await tab.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('bike');
        const choices = await tab.$$eval('.mode-choices label', (labels) =>
          labels.map((l) => ({ text: l.textContent, drawn: !!l.querySelector('svg') })),
        );
        expect(choices).toEqual(
          [en.mode_bike, en.mode_bus, en.mode_train, en.mode_car].map((text) => ({ text, drawn: true })),
        );
        await tab.check('input[name=mode][value=bike]');
        await tab.fill('textarea[name=note]', 'I cycled along Via Maqueda');
        await tab.screenshot({ path: join(shots, 'correct-1-form.png'), fullPage: true });
        await expectNoAxeViolations(tab, 'trip, correcting a leg');
        await expectFitsPhoneAtLargeText(tab, 'trip, correcting a leg');

        // 2. Sent twice in a hurry, it is sent once; the page says it is being checked.
        await tab.locator('.correction-form button.primary').dblclick();
        await tab.waitForSelector('.dispute-state[data-status=open]');
        expect(await tab.textContent('.dispute-state')).toBe(
          `${D.en.disputeSent} ${D.en.disputeChecking.replace('{{mode}}', en.mode_bike)}`,
        );
        expect(await focused(tab)).toBe(await tab.textContent('.dispute-state'));
        const mine = await request(s.api.url, 'GET', `/v1/trips/${accepted.id}/disputes`, { token: person.token });
        expect(mine.body.items).toMatchObject([
          { legIndex: 0, requestedMode: 'bike', participantNote: 'I cycled along Via Maqueda', status: 'open' },
        ]);
        await tab.screenshot({ path: join(shots, 'correct-2-checking.png'), fullPage: true });
        await expectNoAxeViolations(tab, 'trip, correction being checked');

        // 3. An operator accepts it through the API: the page shows the outcome by itself, and the receipt is the new one.
        const operatorEmail = (s.city.raw.operators as { email: string }[])[0].email;
        const operator = await login(s.api.url, operatorEmail, s.city.password(operatorEmail));
        const approved = await request(s.api.url, 'POST', `/v1/admin/reviews/${mine.body.items[0].id}/approve`, {
          token: operator,
          body: {},
        });
        expect(approved.status).toBe(200);
        const rescored = (await request(s.api.url, 'GET', `/v1/trips/${accepted.id}`, { token: person.token })).body;
        const moved = rescored.pointsAwarded - accepted.pointsAwarded;
        const worded = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;
        const outcome =
          moved > 0
            ? D.en.disputeAcceptedMore.replace('{{points}}', worded(moved))
            : moved < 0
              ? D.en.disputeAcceptedFewer.replace('{{points}}', worded(-moved))
              : D.en.disputeAcceptedSame;
        await tab.waitForFunction(
          (text) => document.querySelector('.dispute-state[data-status=approved]')?.textContent === text,
          outcome.replace('{{mode}}', en.mode_bike),
          { timeout: 20_000 },
        );
        await tab.waitForSelector('#receipt .leg[data-mode=bike]');
        expect(await tab.textContent('#receipt')).toContain(
          `In total this trip earned ${worded(rescored.pointsAwarded)}.`,
        );
        await tab.screenshot({ path: join(shots, 'correct-3-accepted.png'), fullPage: true });
        await expectNoAxeViolations(tab, 'trip, correction accepted');

        // 4. The points history shows the correction: the new credit and the old one taken back.
        await openMenuEntry(tab, wallet.en.navPoints);
        await tab.waitForSelector('.history-entry[data-reason=correction]');
        if (rescored.pointsAwarded > 0) await tab.waitForSelector('.history-entry[data-reason=dispute]');
        const history = (await tab.textContent('.history'))!;
        expect(history).toContain(wallet.en.history_dispute.split('{{')[0]);
        await tab.screenshot({ path: join(shots, 'correct-4-points.png'), fullPage: true });

        // 5. The other walk, corrected from the keyboard alone; refused with a reason, read in French.
        await tab.goto(`${s.api.url}/app/#/trips/${refused.id}`);
        await tab.waitForSelector('#receipt .leg[data-mode=walk]');
        await tab.locator('button.correct-leg').first().focus();
        await tab.keyboard.press('Enter');
        await tab.keyboard.press('ArrowDown'); // from Cycling to Bus, chosen as it moves
        await tab.keyboard.press('Tab'); // the note
        await tab.keyboard.type('The 101 bus');
        await tab.keyboard.press('Tab'); // send
        await tab.keyboard.press('Enter');
        await tab.waitForSelector('.dispute-state[data-status=open]');
        const second = await request(s.api.url, 'GET', `/v1/trips/${refused.id}/disputes`, { token: person.token });
        expect(second.body.items).toMatchObject([{ requestedMode: 'bus', participantNote: 'The 101 bus' }]);
        const reason = 'The trace follows the footpath at walking speed all the way.';
        const rejected = await request(s.api.url, 'POST', `/v1/admin/reviews/${second.body.items[0].id}/reject`, {
          token: operator,
          body: { reason },
        });
        expect(rejected.status).toBe(200);
        await tab.selectOption('#language', 'fr');
        await tab.waitForFunction(
          (text) => document.querySelector('.dispute-state[data-status=rejected]')?.textContent === text,
          D.fr.disputeRejected.replace('{{reason}}', reason),
          { timeout: 20_000 },
        );
        // Refused: the leg is still a walk, its points unchanged.
        expect(await tab.getAttribute('#receipt .leg', 'data-mode')).toBe('walk');
        await tab.screenshot({ path: join(shots, 'correct-5-refused-fr.png'), fullPage: true });
        await expectNoAxeViolations(tab, 'trip, correction refused, French');
        // Every language has words for every state (the types make the keys match; here, none is left in English).
        for (const language of ['fr', 'it', 'es', 'nl'] as const) {
          for (const key of Object.keys(D.en) as (keyof typeof D.en)[]) {
            if (key.startsWith('error_')) continue;
            expect({ language, key, same: D[language][key] === D.en[key] }).toEqual({ language, key, same: false });
          }
        }
        // And a correction of a trip that is not the person's own is refused as not found.
        const other = await registerParticipant(s.api.url, { cityId: String(s.city.raw.id) });
        const intruder = await request(s.api.url, 'POST', `/v1/trips/${accepted.id}/disputes`, {
          token: other.token,
          body: { legIndex: 0, mode: 'car' },
        });
        expect({ status: intruder.status, code: intruder.body.code }).toEqual({ status: 404, code: 'TRIP_NOT_FOUND' });
        expect(
          (await request(s.api.url, 'GET', `/v1/trips/${accepted.id}/disputes`, { token: other.token })).status,
        ).toBe(404);
      } finally {
        await own.close();
      }
    });

    it('speaks the browser’s language on a first visit (Dutch here)', async () => {
      // A browser of its own: nothing stored from the other visits (session, language chosen).
      const dutch = await launchBrowser('nl-NL');
      try {
        const tab = dutch.page;
        await speakLanguage(tab, 'nl');
        await tab.goto(`${s.api.url}/app/`);
        await tab.waitForSelector(`#auth-title:has-text("${nl.loginTitle}")`);
        expect(await tab.getAttribute('html', 'lang')).toBe('nl');
        expect(await tab.title()).toBe(nl.documentTitle);
        await expectNoAxeViolations(tab, 'login, Dutch');
      } finally {
        await dutch.close();
      }
    });

    it('reaches every control of a page from the keyboard, the skip link first, the rest of the menu under More', async () => {
      // A fresh load, so that the keyboard starts at the top of the page.
      await page.goto('about:blank');
      await page.goto(`${s.api.url}/app/#/upload`);
      await page.waitForSelector('#upload-title');
      // On a phone: the skip link, the brand, the language, four menu entries and More, then the page.
      // The entries under More on a phone, in their order (in the bar itself on a wide screen).
      const underMore = [
        fr.navUpload,
        people.fr.navRecord,
        wallet.fr.navPlay,
        people.fr.navOpenpath,
        people.fr.navSettings,
        fr.navLogout,
      ];
      const reached = await tabThrough(page, 12);
      expect(reached.slice(0, 3)).toEqual([fr.skipToContent, fr.appName, 'language']);
      expect(reached).toEqual(
        expect.arrayContaining([
          fr.navTrips,
          wallet.fr.navPoints,
          wallet.fr.navOffers,
          wallet.fr.navVouchers,
          menu.fr.navMore,
          'trip-file',
        ]),
      );
      // What is under More is not in the way until it is opened…
      expect(reached).not.toContain(fr.navUpload);
      await page.focus('.menu-more button');
      expect(await page.getAttribute('.menu-more button', 'aria-expanded')).toBe('false');
      // …then it is, from its first entry, to log out; Escape closes it back onto its button.
      await page.keyboard.press('Enter');
      expect(await page.getAttribute('.menu-more button', 'aria-expanded')).toBe('true');
      expect(await focused(page)).toBe(underMore[0]);
      expect(await tabThrough(page, 5)).toEqual(underMore.slice(1));
      await page.keyboard.press('Escape');
      expect(await focused(page)).toBe(menu.fr.navMore);
      expect(await page.isVisible(`nav a:has-text("${fr.navUpload}")`)).toBe(false);
      // Opened again, Tab out of it: it closes behind the focus, which goes on into the page.
      expect(await tabThroughMore(page, menu.fr.navMore)).toEqual(underMore);
      expect(await page.getAttribute('.menu-more button', 'aria-expanded')).toBe('false');
      // The page says where one is, also on More when the page is one of its entries.
      expect(await page.getAttribute('.menu-more button', 'class')).toBe('current');
      // Compact: the header (brand, language and menu) takes well under a quarter of the phone's height.
      const header = await page.locator('header.top').boundingBox();
      expect(header!.height).toBeLessThan(page.viewportSize()!.height / 5);
      await shot('menu-phone-open-more');

      // On a wide screen every entry is in the bar, reached in turn, and there is no More.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('about:blank');
      await page.goto(`${s.api.url}/app/#/upload`);
      await page.waitForSelector('#upload-title');
      const wide = await tabThrough(page, 16);
      expect(wide.slice(0, 13)).toEqual([
        fr.skipToContent,
        fr.appName,
        'language',
        fr.navTrips,
        wallet.fr.navPoints,
        wallet.fr.navOffers,
        wallet.fr.navVouchers,
        ...underMore,
      ]);
      expect(wide).toContain('trip-file');
      expect(wide).not.toContain(menu.fr.navMore);
      await page.setViewportSize({ width: 412, height: 915 });
    });

    it('fits a 320 px phone with text at 200%: nothing to scroll sideways, targets at least 44 px', async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      for (const [hash, ready] of [
        ['#/trips', '.trip-link'],
        ['#/upload', '#upload-title'],
      ]) {
        await page.evaluate((h) => (window.location.hash = h), hash);
        await page.waitForSelector(ready);
        expect({ hash, overflowing: await overflowingElements(page) }).toEqual({ hash, overflowing: [] });
      }
      await page.evaluate(() => (window.location.hash = '#/trips'));
      await page.click('.trip-link');
      await page.waitForSelector('#receipt .leg');
      expect({ hash: 'trip', overflowing: await overflowingElements(page) }).toEqual({ hash: 'trip', overflowing: [] });
      const small = await page.$$eval('a, button, input, select', (els) =>
        els
          .filter(
            (el) => (el as HTMLElement).offsetParent !== null && !el.closest('.maplibregl-ctrl, p, li:not(.trips li)'),
          )
          .map((el) => ({ el: el.id || el.textContent, ...el.getBoundingClientRect().toJSON() }))
          .filter((r) => r.width < 44 || r.height < 44),
      );
      expect(small).toEqual([]);
      await shot('trip-320-200pct');
    });

    // The pages the other browser suites do not already check in all five languages (points, offers,
    // vouchers and play: web-wallet; record, OpenPATH, settings, forgot, card, mediators: web-people).
    it('passes axe and fits 320 px at 200% text on the trip, upload and sign-in pages in every language, the menu open too', async () => {
      const LOADING = ['Loading…', 'Chargement…', 'Caricamento…', 'Cargando…', 'Laden…'];
      async function sweep(tab: Page, pages: [hash: string, ready: string, press?: string][], label: string) {
        for (const language of ['en', 'fr', 'it', 'es', 'nl'] as const) {
          await tab.selectOption('#language', language);
          for (const [hash, ready, press] of pages) {
            await tab.evaluate((h) => (window.location.hash = h), hash);
            await tab.waitForSelector(ready);
            if (press) {
              await tab.click(press);
              await tab.waitForSelector(`${press}[aria-expanded=true]`);
            }
            await tab.waitForFunction(
              (words) => !words.some((w) => document.querySelector('main')!.textContent!.includes(w)),
              LOADING,
            );
            const step = `${label} ${hash} (${language})`;
            await expectNoAxeViolations(tab, step);
            await expectFitsPhoneAtLargeText(tab, step);
          }
        }
        await tab.selectOption('#language', 'en');
      }
      // The participant of the first test, with a scored trip and its correction form open.
      await page.setViewportSize({ width: 412, height: 915 });
      await page.evaluate(() => (document.documentElement.style.fontSize = ''));
      await page.evaluate(() => (window.location.hash = '#/trips'));
      await page.waitForSelector('.trip-link');
      const trip = decodeURIComponent((await page.getAttribute('.trip-link', 'href'))!.split('/')[2]);
      await sweep(
        page,
        [
          ['#/trips', '.trip-link'],
          [`#/trips/${trip}`, '#receipt .leg'],
          [`#/trips/${trip}`, '#receipt .leg', 'button.correct-leg'],
          ['#/upload', '#trip-file'],
        ],
        'participant',
      );
      // The menu's More, open, on a phone and at 320 px with 200% text.
      await page.evaluate(() => (window.location.hash = '#/trips'));
      await page.click('.menu-more button');
      await page.waitForSelector('#menu-more-list.open');
      await expectNoAxeViolations(page, 'trips, More open');
      await expectFitsPhoneAtLargeText(page, 'trips, More open');
      await shot('menu-more-open');
      await page.keyboard.press('Escape');

      // The pages open without a session, in a browser of its own.
      const visitor = await launchBrowser('en-GB');
      try {
        await visitor.page.goto(`${s.api.url}/app/#/login`);
        await visitor.page.waitForSelector('#auth-title');
        await sweep(
          visitor.page,
          [
            ['#/login', '#auth-title'],
            ['#/register', '#consent-accept'],
            ['#/reset/not-a-real-token', '#reset-title'],
            ['#/invitation/not-a-real-token', '#invitation-title'],
          ],
          'visitor',
        );
      } finally {
        await visitor.close();
      }
    }, 600_000);
  });
});

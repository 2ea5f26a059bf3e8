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
import { walkGpx } from './factories/trip.factory';
import { privacy } from '../apps/web/src/locales/privacy';
import { registerParticipant } from './factories/participant.factory';
import {
  type Browser,
  describeInBrowser,
  expectNoAxeViolations,
  overflowingElements,
  launchBrowser,
  pixelsOf,
  screenshotDir,
  speakLanguage,
} from './support/browser';
import { request } from './support/http-client';
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

      await page.click(`nav a:has-text("${en.navUpload}")`);
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

    it('reaches every control of a page from the keyboard, the skip link first', async () => {
      // A fresh load, so that the keyboard starts at the top of the page.
      await page.goto('about:blank');
      await page.goto(`${s.api.url}/app/#/upload`);
      await page.waitForSelector('#upload-title');
      const reached: string[] = [];
      // The skip link, the brand, nine menu entries, log out, the language, then the page.
      for (let i = 0; i < 18; i++) {
        await page.keyboard.press('Tab');
        reached.push(
          await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''),
        );
      }
      expect(reached.slice(0, 2)).toEqual([fr.skipToContent, fr.appName]);
      expect(reached).toEqual(
        expect.arrayContaining([
          fr.navTrips,
          fr.navUpload,
          wallet.fr.navPoints,
          wallet.fr.navOffers,
          wallet.fr.navVouchers,
          wallet.fr.navPlay,
          fr.navLogout,
          'language',
          'trip-file',
        ]),
      );
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
  });
});

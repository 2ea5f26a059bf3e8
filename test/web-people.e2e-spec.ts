/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { en } from '../apps/web/src/locales/en';
import { people } from '../apps/web/src/locales/people';
import { menu } from '../apps/web/src/locales/menu';
import { VIA_MAQUEDA } from './factories/city.factory';
import { registerParticipant } from './factories/participant.factory';
import { gpxOf } from './factories/trip.factory';
import {
  type Browser,
  describeInBrowser,
  expectNoAxeViolations,
  launchBrowser,
  overflowingElements,
  screenshotDir,
} from './support/browser';
import { request, waitFor } from './support/http-client';
import { tabThrough, tabThroughMore } from './support/menu';
import { startSmtpSink } from './support/smtp-sink';
import { startWebStack } from './support/web-stack';
import { ensureWebAppBuilt } from './support/web-build';

jest.setTimeout(180_000);

const LANGUAGES = ['en', 'fr', 'it', 'es', 'nl'] as const;
const words = { ...en, ...people.en };

/** axe-core on the page as it stands, in each of the five languages (switched with the header's chooser). */
async function axeInEveryLanguage(page: Page, label: string, ready: string): Promise<void> {
  for (const language of LANGUAGES) {
    await page.selectOption('#language', language);
    await page.waitForFunction((l) => document.documentElement.lang === l, language);
    await page.waitForSelector(ready);
    await expectNoAxeViolations(page, `${label}, ${language}`);
  }
  await page.selectOption('#language', 'en');
}

/** Nothing to scroll sideways at 320 px with text at 200%, then back to the phone size. */
async function fitsSmallPhoneWithLargeText(page: Page, label: string, ready: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await page.waitForSelector(ready);
  expect({ label, overflowing: await overflowingElements(page) }).toEqual({ label, overflowing: [] });
  const small = await page.$$eval('main a, main button, main input, main select', (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null && !el.closest('p, li'))
      .map((el) => ({ el: el.id || el.textContent, ...el.getBoundingClientRect().toJSON() }))
      .filter((r) => r.height < 44),
  );
  expect({ label, small }).toEqual({ label, small: [] });
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  await page.setViewportSize({ width: 412, height: 915 });
}

describe('the people pages of the web app', () => {
  let s: Awaited<ReturnType<typeof startWebStack>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const mediatorEmail = `desk-${Date.now()}@library.example`;

  beforeAll(async () => {
    ensureWebAppBuilt();
    smtp = await startSmtpSink();
    s = await startWebStack({
      env: { SMTP_URL: smtp.url },
      city: {
        mediators: [{ email: mediatorEmail, displayName: 'Biblioteca Kalsa' }],
        teams: [
          { id: 'kalsa', name: 'Kalsa', kind: 'neighbourhood' },
          { id: 'bike-club', name: 'Bike club', kind: 'team' },
        ],
      },
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  describeInBrowser('web people')('in Chromium', () => {
    let browser: Browser;
    let page: Page;
    const shots = screenshotDir('web-people');
    const shot = (name: string, target: Page = page) =>
      target.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      browser = await launchBrowser('en-GB');
      page = browser.page;
    });
    afterAll(() => browser?.close());

    it('resets a forgotten password from the e-mailed link', async () => {
      const participant = await registerParticipant(s.api.url, { cityId: String(s.city.raw.id) });
      await page.goto(`${s.api.url}/app/#/login`);
      await page.click(`a:has-text("${words.forgotLink}")`);
      await page.waitForSelector('#forgot-title');
      await axeInEveryLanguage(page, 'forgot password', '#forgot-title');
      await fitsSmallPhoneWithLargeText(page, 'forgot password', '#forgot-title');
      await page.fill('#email', participant.email);
      await page.click('button[type=submit]');
      await page.waitForSelector('#forgot-sent');
      await shot('forgot-sent');

      const mail = await waitFor(
        async () => smtp.mails.find((m) => m.to.includes(participant.email)),
        15_000,
        'the reset mail',
      );
      const link = /(http\S+#\/reset\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
      // The link names the configured public address; the test opens the same path here.
      await page.goto(`${s.api.url}/app/${link.slice(link.indexOf('#'))}`);
      await page.waitForSelector('#reset-title');
      await expectNoAxeViolations(page, 'reset password');
      await page.fill('#password', 'a brand new walking password');
      await page.click('button[type=submit]');
      await page.waitForSelector('#reset-done');
      await shot('reset-done');

      await page.click(`#reset-done a`);
      await page.waitForSelector('#auth-title');
      await page.fill('#email', participant.email);
      await page.fill('#password', 'a brand new walking password');
      await page.click('button[type=submit]');
      await page.waitForSelector('#trips-title');
    });

    it('stores the language on the account, joins and leaves a neighbourhood, and offers the data download', async () => {
      await page.evaluate(() => (window.location.hash = '#/settings'));
      await page.waitForSelector('#team-current');
      await axeInEveryLanguage(page, 'settings', '#team-current');
      await fitsSmallPhoneWithLargeText(page, 'settings', '#team-current');
      // The export is served, so the download (and deletion) are offered.
      expect(await page.$('#download-data')).not.toBeNull();

      await page.selectOption('#settings-language', 'it');
      await page.click('#save-language');
      await page.waitForSelector(`#language-saved:has-text("${people.it.saved}")`);
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('muvo.session')!).accessToken as string);
      expect((await request(s.api.url, 'GET', '/v1/me', { token })).body.language).toBe('it');
      await page.selectOption('#language', 'en');
      await waitFor(async () =>
        (await request(s.api.url, 'GET', '/v1/me', { token })).body.language === 'en' ? true : undefined,
      );

      await page.selectOption('#team', 'kalsa');
      await page.click('#join-team');
      await page.waitForSelector('#team-current:has-text("Kalsa (neighbourhood)")');
      expect((await request(s.api.url, 'GET', '/v1/me/team', { token })).body.team.id).toBe('kalsa');
      await shot('settings-team');
      await page.click('#leave-team');
      await page.waitForSelector(`#team-current:has-text("${words.teamNone}")`);
    });

    it('records a trip with the phone’s location (Chromium’s geolocation override) and sends it in live chunks', async () => {
      await browser.context.grantPermissions(['geolocation'], { origin: s.api.url });
      const [lon0, lat0] = VIA_MAQUEDA[0];
      await browser.context.setGeolocation({ latitude: lat0, longitude: lon0, accuracy: 8 });
      await page.evaluate(() => (window.location.hash = '#/record'));
      await page.waitForSelector('#record-start');
      await axeInEveryLanguage(page, 'record', '#record-start');
      await fitsSmallPhoneWithLargeText(page, 'record', '#record-start');

      await page.click('#record-start');
      await page.waitForSelector(`#record-state:has-text("${words.recordState_recording}")`);
      for (const [lon, lat] of VIA_MAQUEDA.slice(1)) {
        await browser.context.setGeolocation({ latitude: lat, longitude: lon, accuracy: 8 });
        await page.waitForTimeout(400);
      }
      await page.waitForFunction(() =>
        /([3-9]|\d\d+) positions/.test(document.getElementById('record-state')!.textContent!),
      );
      await shot('recording');
      await expectNoAxeViolations(page, 'recording');
      await page.click('#record-stop');
      await page.waitForSelector('#see-trip');
      expect(await page.textContent('#record-state')).toContain(words.recordState_sent);
      await shot('recorded');

      const tripId = decodeURIComponent((await page.getAttribute('#see-trip', 'href'))!.split('/').pop()!);
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('muvo.session')!).accessToken as string);
      const trip = await request(s.api.url, 'GET', `/v1/trips/${tripId}`, { token });
      expect(trip.status).toBe(200);
      // Finished and handed to scoring: no longer receiving chunks.
      expect(trip.body.status).not.toBe('receiving');
    });

    it('adds a GPX trip dropped on the upload page', async () => {
      await page.evaluate(() => (window.location.hash = '#/upload'));
      await page.waitForSelector('.drop-zone');
      const gpx = gpxOf({ path: VIA_MAQUEDA, mode: 'walk', seed: 231 });
      await page.evaluate((text) => {
        const files = new DataTransfer();
        files.items.add(new File([text], 'watch.gpx', { type: 'application/gpx+xml' }));
        const zone = document.querySelector('.drop-zone')!;
        zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: files }));
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files }));
      }, gpx);
      await page.waitForSelector('#see-trip');
      expect(await page.textContent('#upload-status')).toContain(words.uploaded);
    });

    it('shows the OpenPATH joining code as a QR code and a link', async () => {
      await page.evaluate(() => (window.location.hash = '#/openpath'));
      await page.waitForSelector('#openpath-issue');
      await axeInEveryLanguage(page, 'openpath', '#openpath-issue');
      await page.click('#openpath-issue');
      await page.waitForSelector('#openpath-qr');
      expect(await page.getAttribute('#openpath-token a', 'href')).toMatch(/^emission:\/\/login_token\?token=/);
      expect(await page.$$eval('#openpath-qr path', (paths) => paths[0].getAttribute('d')!.length)).toBeGreaterThan(
        500,
      );
      await expectNoAxeViolations(page, 'openpath with code');
      await fitsSmallPhoneWithLargeText(page, 'openpath', '#openpath-qr');
      await shot('openpath');
    });

    it('reaches the recording controls from the keyboard, and the menu’s other entries under More', async () => {
      await page.goto('about:blank');
      await page.goto(`${s.api.url}/app/#/record`);
      await page.waitForSelector('#record-start');
      // The skip link, the brand, the language, four menu entries and More, then the page.
      const reached = await tabThrough(page, 12);
      expect(reached).toEqual(expect.arrayContaining(['language', menu.en.navMore, 'record-start']));
      // Recording and the settings are under More: reached from the keyboard once it is open.
      expect(await tabThroughMore(page, menu.en.navMore)).toEqual(
        expect.arrayContaining([words.navRecord, words.navSettings, en.navLogout]),
      );
      // The page one is on is marked, in the list and on the button that holds it.
      expect(await page.textContent('#menu-more-list [aria-current=page]')).toBe(words.navRecord);
      expect(await page.getAttribute('.menu-more button', 'class')).toBe('current');
    });

    it('lets a mediator register a resident, print the card, upload for them, claim a voucher and print it', async () => {
      const desk = await launchBrowser('it-IT');
      try {
        const tab = desk.page;
        // Printing opens the system dialog: counted instead, and the print style sheet screenshotted.
        await tab.addInitScript(() => {
          (window as unknown as { printed: number }).printed = 0;
          window.print = () => void ((window as unknown as { printed: number }).printed += 1);
        });
        await tab.goto(`${s.api.url}/app/#/login`);
        await tab.selectOption('#language', 'en');
        await tab.fill('#email', mediatorEmail);
        await tab.fill('#password', s.city.password(mediatorEmail));
        await tab.click('button[type=submit]');
        await tab.waitForSelector('#residents-title');
        expect(await tab.textContent('nav')).toContain(words.navResidents);
        await axeInEveryLanguage(tab, 'residents', '#residents-title');
        await fitsSmallPhoneWithLargeText(tab, 'residents', '#residents-title');

        await tab.fill('#resident-name', 'Signora Rosa');
        await tab.check('input[name=givenBy][value=resident]');
        await tab.check('input[name=method][value=signed-form]');
        await shot('mediator-register', tab);
        await tab.click('#register-resident');
        await tab.waitForSelector('#login-code');
        const code = (await tab.textContent('#login-code'))!.trim();
        expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
        expect(await tab.textContent('#resident-title')).toBe('Signora Rosa');
        await tab.click('#print-card');
        expect(await tab.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
        await tab.emulateMedia({ media: 'print' });
        await shot('card-print', tab);
        await tab.emulateMedia({ media: 'screen' });
        await tab.evaluate(() => window.dispatchEvent(new Event('afterprint')));
        await axeInEveryLanguage(tab, 'resident', '#login-code');

        await tab.setInputFiles('#trip-file', {
          name: 'logger.gpx',
          mimeType: 'application/gpx+xml',
          buffer: Buffer.from(gpxOf({ path: VIA_MAQUEDA, mode: 'walk', seed: 23 })),
        });
        await tab.waitForSelector(`#upload-status:has-text("${words.uploaded}")`);
        await tab.waitForSelector('.resident-trips li[data-status=scored]', { timeout: 60_000 });
        await tab.waitForFunction(() => !/^0 points$/.test(document.getElementById('resident-balance')!.textContent!));
        await shot('resident-trip', tab);

        const espresso = tab.locator('.offers li', { hasText: 'Free espresso' });
        await espresso.locator('button.claim').click();
        await espresso.locator('button.claim-yes').click();
        await tab.waitForSelector('.voucher-code');
        const voucherCode = (await tab.textContent('.voucher-code'))!.trim();
        expect(voucherCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
        expect(await tab.$$eval('.voucher-paper svg.qr path', (p) => p.length)).toBe(1);
        await tab.click('.print-voucher');
        expect(await tab.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
        await tab.emulateMedia({ media: 'print' });
        await shot('voucher-print', tab);
        await tab.emulateMedia({ media: 'screen' });
        await axeInEveryLanguage(tab, 'resident with voucher', '.voucher-code');
        await fitsSmallPhoneWithLargeText(tab, 'resident', '.voucher-code');

        // The resident logs in alone with the card's code and sees the trip and the voucher's cost.
        const home = await launchBrowser('en-GB');
        try {
          await home.page.goto(`${s.api.url}/app/#/login`);
          await home.page.click(`a:has-text("${words.cardLink}")`);
          await home.page.waitForSelector('#card-title');
          await axeInEveryLanguage(home.page, 'card login', '#card-title');
          await fitsSmallPhoneWithLargeText(home.page, 'card login', '#card-title');
          await home.page.fill('#code', code.toLowerCase());
          await home.page.click('button[type=submit]');
          await home.page.waitForSelector('.trip-link[data-status=scored]');
          await shot('resident-at-home', home.page);
        } finally {
          await home.close();
        }
      } finally {
        await desk.close();
      }
    });
  });
});

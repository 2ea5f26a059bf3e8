/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  type Browser,
  describeInBrowser,
  expectNoAxeViolations,
  launchBrowser,
  screenshotDir,
  speakLanguage,
} from './support/browser';
import { startVoucherStack, type VoucherStack } from './voucher-helpers';

/** Where the screenshots go, to look at after a run. */
const SHOTS = screenshotDir('counter');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const I18N = (() => {
  const sandbox: { window: { COUNTER_I18N?: Record<string, Record<string, string>> } } = { window: {} };
  // The page's own translation file, evaluated as the browser would.
  new Function(
    'window',
    require('node:fs').readFileSync(join(__dirname, '..', 'libs/counter-web/public/i18n.js'), 'utf8'),
  )(sandbox.window);
  return sandbox.window.COUNTER_I18N!;
})();

/** The colour at a point of a PNG, as [r, g, b]. */
function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * Math.round(y) + Math.round(x)) << 2;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}
const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 12);

/**
 * The counter web page in headless Chromium: a shopkeeper logs in, checks codes, redeems with one
 * tap, undoes, and gets an unmistakable answer for each case, accessible (axe-core, WCAG 2.2 AA),
 * readable on a small phone, and in the browser's language.
 */
jest.setTimeout(60_000);

describeInBrowser('counter page')('the counter web page', () => {
  let s: VoucherStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const codes: Record<string, string> = {};
  const voucherIds: Record<string, string> = {};
  let participantToken: string;
  let staffEmail: string;

  beforeAll(async () => {
    s = await startVoucherStack();
    const p = await s.participant(100);
    const claim = async (title: string) =>
      (await s.voucher('POST', `/v1/offers/${await s.offerId(title)}/claim`, { token: p.token })).body;
    participantToken = p.token;
    const [first, expired, other, double, offline] = [
      await claim('Free espresso'),
      await claim('Free espresso'),
      await claim('Bookmark'),
      await claim('Free espresso'),
      await claim('Free espresso'),
    ];
    await s.db.query(`UPDATE vouchers SET expires_at = now() - interval '1 hour' WHERE id = $1`, [expired.voucherId]);
    Object.assign(codes, {
      first: first.code,
      expired: expired.code,
      other: other.code,
      double: double.code,
      offline: offline.code,
    });
    Object.assign(voucherIds, { first: first.voucherId, double: double.voucherId, offline: offline.voucherId });
    staffEmail = (s.city.raw as { merchants: { staff: { email: string }[] }[] }).merchants[0].staff[0].email;

    browser = await launchBrowser('en-GB');
    ({ context, page } = browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  const axe = expectNoAxeViolations;

  async function check(code: string) {
    await page.fill('#code', code);
    await page.click('button[type=submit]:has-text("Check")');
    await page.waitForFunction(
      () => !document.getElementById('result')!.hidden && !document.querySelector('button[disabled]'),
    );
    return {
      kind: await page.getAttribute('#result', 'data-verdict'),
      text: (await page.textContent('#verdict-text'))!,
      detail: (await page.textContent('#verdict-detail'))!,
    };
  }

  /** The voucher's state as its owner's app sees it, from the API (not from the page). */
  async function voucherStatus(name: string): Promise<string> {
    const r = await s.voucher('GET', `/v1/vouchers/${voucherIds[name]}`, { token: participantToken });
    expect(r.status).toBe(200);
    return r.body.status;
  }

  async function bannerColour(name: string) {
    const shot = await page.locator('#result').screenshot();
    writeFileSync(join(SHOTS, `${name}.png`), shot);
    const png = PNG.sync.read(shot);
    return pixel(png, 8, png.height / 2);
  }

  it('logs a shopkeeper in, checks, redeems with one tap, undoes, and shows today’s redemptions', async () => {
    await page.goto(`${s.stack.voucher.url}/counter/`);
    await page.waitForSelector('#login-view:not([hidden])');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await axe(page, 'login');
    await page.fill('#email', staffEmail);
    await page.fill('#password', 'wrong password');
    await page.click('#login-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error')!.textContent !== '');
    expect(await page.textContent('#login-error')).toBe('Wrong email or password.');
    await page.fill('#password', s.city.password(staffEmail));
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#counter-view:not([hidden])');
    expect(await page.textContent('#shop-name')).toContain('Bar Maqueda');

    const valid = await check(codes.first.toLowerCase().replace(/-/g, ' '));
    expect(valid).toMatchObject({ kind: 'valid', text: 'Valid' });
    expect(valid.detail).toContain('Free espresso');
    expect(near(await bannerColour('valid'), hex('#0b5d2a'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'counter-valid.png'), fullPage: true });
    await axe(page, 'valid');

    await page.click('#redeem');
    await page.waitForSelector('#result[data-verdict=redeemed]');
    expect(await page.textContent('#verdict-text')).toBe('Done: voucher used');
    await page.waitForSelector('#today-list li');
    expect(await page.textContent('#today-list')).toContain('Free espresso');

    // Undo asks first; "No, keep it" (the default) keeps the redemption.
    await page.click('#undo');
    await page.waitForSelector('#undo-dialog[open]');
    expect(await page.textContent('#undo-question')).toBe('Undo this redemption?');
    expect(await page.textContent('#undo-detail')).toContain('Free espresso');
    await axe(page, 'undo question');
    await page.click('#keep');
    await page.waitForSelector('#undo-dialog', { state: 'hidden' });
    expect(await page.getAttribute('#result', 'data-verdict')).toBe('redeemed');
    expect(await voucherStatus('first')).toBe('redeemed');

    await page.click('#undo');
    await page.waitForSelector('#undo-dialog[open]');
    await page.click('#confirm-undo');
    await page.waitForSelector('#result[data-verdict=info]');
    expect(await page.textContent('#verdict-text')).toBe('Undone: the voucher is valid again');
    expect(await voucherStatus('first')).toBe('active');
    await page.waitForFunction(() => document.querySelector('#today-list .undone') !== null);

    expect((await check(codes.first)).kind).toBe('valid');
    await page.click('#redeem');
    await page.waitForSelector('#result[data-verdict=redeemed]');
    await page.click('#next');
    expect(await page.inputValue('#code')).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
  });

  it('answers already redeemed (with when), another shop, expired and a typo unmistakably', async () => {
    const used = await check(codes.first);
    expect(used).toMatchObject({ kind: 'used', text: 'Already used' });
    expect(used.detail).toMatch(/This voucher was used on .*\d/);
    expect(near(await bannerColour('already-redeemed'), hex('#7a3e00'))).toBe(true);

    const other = await check(codes.other);
    expect(other).toMatchObject({ kind: 'invalid', text: 'Not for this shop' });
    expect(near(await bannerColour('wrong-shop'), hex('#9b0d22'))).toBe(true);
    await axe(page, 'wrong shop');

    expect(await check(codes.expired)).toMatchObject({ kind: 'invalid', text: 'Expired' });
    expect(await check('AAAA-AAAA-AB')).toMatchObject({ kind: 'invalid', text: 'This code has a mistake' });
    expect(await check('')).toMatchObject({ kind: 'info', text: 'Type a code first' });
    await page.screenshot({ path: join(SHOTS, 'counter-typo.png'), fullPage: true });

    // A suspended shop is told so, not that the customer's voucher is bad.
    const shopId = (await s.db.query(`SELECT merchant_id FROM vouchers WHERE id = $1`, [voucherIds.double]))[0]
      .merchant_id;
    await s.db.query(`UPDATE merchants SET status = 'suspended' WHERE id = $1`, [shopId]);
    try {
      expect(await check(codes.double)).toMatchObject({ kind: 'invalid', text: 'Your shop is suspended' });
      await axe(page, 'suspended shop');
    } finally {
      await s.db.query(`UPDATE merchants SET status = 'approved' WHERE id = $1`, [shopId]);
    }
  });

  it('a double tap on Redeem redeems once and never undoes', async () => {
    // A tablet at the counter: wide enough for the answer's title to stay on one line, so that the
    // buttons after a redemption are exactly where Redeem was.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect((await check(codes.double)).kind).toBe('valid');
    const box = (await page.locator('#redeem').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    // The first tap redeems; the answer comes back before the second tap of the double tap, which
    // lands where Redeem was (the old page put Undo there and undid at once).
    await page.mouse.click(x, y);
    await page.waitForSelector('#result[data-verdict=redeemed]');
    await page.mouse.click(x, y);
    await page.mouse.dblclick(x, y);
    await page.waitForTimeout(1000); // longer than the page's settling time
    expect(await voucherStatus('double')).toBe('redeemed');
    expect(await page.getAttribute('#result', 'data-verdict')).toBe('redeemed');
    expect(await page.isVisible('#undo-dialog')).toBe(false);

    // A double tap on "Undo" opens the question once and cannot answer it.
    const undo = (await page.locator('#undo').boundingBox())!;
    await page.mouse.dblclick(undo.x + undo.width / 2, undo.y + undo.height / 2);
    await page.waitForSelector('#undo-dialog[open]');
    await page.waitForTimeout(1000);
    expect(await voucherStatus('double')).toBe('redeemed');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('keep');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#undo-dialog', { state: 'hidden' });
    expect(await voucherStatus('double')).toBe('redeemed');
    await page.click('#next');
    await page.setViewportSize({ width: 412, height: 915 });
  });

  it('has big touch targets and no sideways scrolling on a small phone', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const sizes = await page.$$eval('button:not([hidden]), input, select', (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { id: el.id || el.textContent, w: r.width, h: r.height };
        }),
    );
    expect(sizes.length).toBeGreaterThan(3);
    for (const size of sizes) expect({ ...size, big: size.w >= 44 && size.h >= 44 }).toMatchObject({ big: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'counter-320.png'), fullPage: true });
    await page.setViewportSize({ width: 412, height: 915 });
  });

  it('at 200% text on a 320 px screen, nothing runs off the side and no verdict title is cut', async () => {
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 320, height: 640 });
    const rootPx = () => tab.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await tab.goto(`${s.stack.voucher.url}/counter/`);
    await tab.waitForSelector('#counter-view:not([hidden])');
    const normalPx = await rootPx();
    // The browser's own text size (Chrome: Settings › Appearance › Font size) at twice the default.
    const cdp = await context.newCDPSession(tab);
    const doubleText = () => cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await doubleText();
    await tab.reload();
    await tab.waitForSelector('#counter-view:not([hidden])');
    // The page follows the person's text size (a page in px would ignore it).
    expect(await rootPx()).toBeCloseTo(2 * normalPx, 1);

    /** What runs off the side of the screen, or is cut inside its box. */
    const layout = (label: string) =>
      tab.evaluate((label) => {
        const doc = document.documentElement;
        const shown = (el: Element) =>
          (el as HTMLElement).offsetParent !== null && !el.closest('.visually-hidden, [hidden]');
        const name = (el: Element) => el.id || `${el.tagName.toLowerCase()} “${el.textContent?.trim().slice(0, 30)}”`;
        const offside = [...document.querySelectorAll('body *')]
          .filter(shown)
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > doc.clientWidth + 0.5 || r.left < -0.5);
          })
          .map(name);
        const cut = [...document.querySelectorAll('button, h1, h2, p, #verdict-text, li span, label, #code')]
          .filter(shown)
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
          .map(name);
        const box = document.getElementById('result')!;
        const title = document.getElementById('verdict-text')!.getBoundingClientRect();
        const frame = box.getBoundingClientRect();
        const titleOutside =
          !box.hidden &&
          (title.left < frame.left || title.right > frame.right || title.bottom > frame.bottom || title.width === 0);
        const textPx = parseFloat(getComputedStyle(doc).fontSize);
        return { label, textPx, sideways: doc.scrollWidth > doc.clientWidth, offside, cut, titleOutside };
      }, label);
    const fits = (label: string) => ({
      label,
      textPx: 2 * normalPx, // still at 200% (Playwright's screenshots reset it)
      sideways: false,
      offside: [],
      cut: [],
      titleOutside: false,
    });

    // Every verdict title in every language, with the answer's buttons shown.
    const titles = ['valid', 'redeemed', 'undone', 'alreadyRedeemed', 'expired', 'wrongShop', 'notFound', 'typo'];
    titles.push('badQr', 'notNow', 'tooMany', 'undoClosed', 'empty', 'offline', 'error', 'scanUnavailable');
    titles.push('undoneExpired', 'suspended', 'notApproved');
    for (const lang of Object.keys(I18N)) {
      await tab.selectOption('#language', lang);
      await tab.fill('#code', codes.first);
      await tab.click('#code-form button[type=submit]');
      await tab.waitForSelector('#result[data-verdict=used]');
      expect(await layout(`${lang} already used`)).toEqual(fits(`${lang} already used`));
      for (const key of titles) {
        await tab.evaluate((text) => {
          document.getElementById('verdict-text')!.textContent = text;
          for (const id of ['redeem', 'next', 'undo']) document.getElementById(id)!.hidden = false;
        }, I18N[lang][key]);
        expect(await layout(`${lang} ${key}`)).toEqual(fits(`${lang} ${key}`));
      }
      await tab.locator('#result').scrollIntoViewIfNeeded();
      await tab.screenshot({ path: join(SHOTS, `counter-200pc-${lang}.png`) });
      await doubleText();
    }
    // The undo question too (the voucher redeemed by the double tap above is still undoable).
    await tab.click('#today-list button');
    await tab.waitForSelector('#undo-dialog[open]');
    expect(await layout('undo question')).toEqual(fits('undo question'));
    await tab.screenshot({ path: join(SHOTS, 'counter-200pc-undo.png') });
    await tab.keyboard.press('Escape');
    await tab.evaluate(() => localStorage.removeItem('muvo-counter-lang')); // back to the browser's language
    await tab.close();
  });

  it('speaks the browser’s language by default (French, Italian, Spanish, Dutch) and lets the shopkeeper choose', async () => {
    for (const lang of ['fr', 'it', 'es', 'nl']) {
      const tab = await context.newPage();
      await speakLanguage(tab, lang);
      await tab.goto(`${s.stack.voucher.url}/counter/`);
      await tab.waitForSelector('#counter-view:not([hidden])');
      expect(await tab.getAttribute('html', 'lang')).toBe(lang);
      expect(await tab.textContent('#counter-title')).toBe(I18N[lang].counterTitle);
      expect(await tab.textContent('#today-title')).toBe(I18N[lang].today);
      await tab.fill('#code', codes.first);
      await tab.click('#code-form button[type=submit]');
      await tab.waitForSelector('#result[data-verdict=used]');
      expect(await tab.textContent('#verdict-text')).toBe(I18N[lang].alreadyRedeemed);
      if (lang === 'nl') await axe(tab, 'dutch');
      await tab.close();
    }
    for (const lang of Object.keys(I18N)) {
      expect({ lang, keys: Object.keys(I18N[lang]).sort() }).toEqual({ lang, keys: Object.keys(I18N.en).sort() });
    }
    await page.selectOption('#language', 'it');
    expect(await page.textContent('#counter-title')).toBe('Controlla un buono');
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    await page.selectOption('#language', 'en');
  });

  it('opens offline after a reload, says it cannot redeem until the connection is back, and redeems nothing', async () => {
    await page.goto(`${s.stack.voucher.url}/counter/`);
    await page.waitForSelector('#counter-view:not([hidden])');
    // The page's offline worker is in charge once it has been loaded online.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.isHidden('#offline-banner')).toBe(true);

    // The connection drops while a valid voucher is shown: Redeem goes away.
    expect((await check(codes.offline)).kind).toBe('valid');
    await context.setOffline(true);
    await page.waitForSelector('#offline-banner:not([hidden])');
    await page.waitForSelector('#result[data-verdict=info]');
    expect(await page.isVisible('#redeem')).toBe(false);
    expect(await page.textContent('#verdict-detail')).toBe(I18N.en.offlineDetail);

    // A reload without a connection opens the page (before: the browser's "no internet" page).
    await page.reload();
    await page.waitForSelector('#counter-view:not([hidden])');
    expect(await page.textContent('#offline-banner')).toContain(I18N.en.offlineBanner);
    await page.screenshot({ path: join(SHOTS, 'counter-offline.png'), fullPage: true });
    await axe(page, 'offline');
    await page.fill('#code', codes.offline);
    await page.click('#code-form button[type=submit]');
    await page.waitForSelector('#result[data-verdict=info]');
    expect(await page.textContent('#verdict-text')).toBe(I18N.en.offline);
    expect(await page.textContent('#verdict-detail')).toBe(I18N.en.offlineDetail);
    expect(await page.isVisible('#redeem')).toBe(false);
    for (const lang of Object.keys(I18N)) {
      await page.selectOption('#language', lang);
      expect(await page.textContent('#offline-banner')).toContain(I18N[lang].offlineBanner);
    }
    await page.selectOption('#language', 'en');
    expect(await voucherStatus('offline')).toBe('active');

    // Back online: the banner goes and the page checks codes again.
    await context.setOffline(false);
    await page.waitForSelector('#offline-banner', { state: 'hidden' });
    expect((await check(codes.offline)).kind).toBe('valid');
    await page.click('#next');
    expect(await voucherStatus('offline')).toBe('active');
  });

  it('serves the page with a strict content security policy', async () => {
    const response = await fetch(`${s.stack.voucher.url}/counter/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Without the slash, to the slash: the page's relative links and its offline worker live there.
    const bare = await fetch(`${s.stack.voucher.url}/counter?x=1`, { redirect: 'manual' });
    expect({ status: bare.status, location: bare.headers.get('location') }).toEqual({
      status: 308,
      location: '/counter/?x=1',
    });
    const worker = await fetch(`${s.stack.voucher.url}/counter/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
  });
});

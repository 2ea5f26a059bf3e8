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
  let staffEmail: string;

  beforeAll(async () => {
    s = await startVoucherStack();
    const p = await s.participant(100);
    const claim = async (title: string) =>
      (await s.voucher('POST', `/v1/offers/${await s.offerId(title)}/claim`, { token: p.token })).body;
    const [first, expired, other] = [
      await claim('Free espresso'),
      await claim('Free espresso'),
      await claim('Bookmark'),
    ];
    await s.db.query(`UPDATE vouchers SET expires_at = now() - interval '1 hour' WHERE id = $1`, [expired.voucherId]);
    Object.assign(codes, { first: first.code, expired: expired.code, other: other.code });
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

    await page.click('#undo');
    await page.waitForSelector('#result[data-verdict=info]');
    expect(await page.textContent('#verdict-text')).toBe('Undone: the voucher is valid again');
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

  it('serves the page with a strict content security policy', async () => {
    const response = await fetch(`${s.stack.voucher.url}/counter/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

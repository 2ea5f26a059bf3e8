/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

/** Debian's Chromium (apt-get install chromium), or MUVO_CHROMIUM. */
export const CHROMIUM = process.env.MUVO_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL (the web app's map) in software, without a GPU.
  '--enable-unsafe-swiftshader',
];

/** Where a suite's screenshots go, to look at after a run. */
export function screenshotDir(suite: string): string {
  const dir = process.env.MUVO_SCREENSHOTS
    ? join(process.env.MUVO_SCREENSHOTS, suite)
    : join(tmpdir(), `muvo-${suite}-screenshots`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * `describe` when Chromium is installed. A fresh machine may have none: `npm test` then skips the
 * suite and says how to get it; CI sets MUVO_REQUIRE_BROWSER=1 so that it never skips there.
 */
export function describeInBrowser(suite: string): jest.Describe {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.MUVO_REQUIRE_BROWSER === '1') {
    throw new Error(`Chromium not found at ${CHROMIUM} and MUVO_REQUIRE_BROWSER=1: apt-get install chromium`);
  }
  if (!present) {
    process.stderr.write(
      `${suite} browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set MUVO_CHROMIUM)\n`,
    );
  }
  return present ? describe : describe.skip;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a throwaway profile, a phone-sized window and the given locale. */
export async function launchBrowser(locale = 'en-GB'): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'muvo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale,
    viewport: { width: 412, height: 915 },
    // axe-core is injected as an inline script, which the pages' CSP rightly forbids.
    bypassCSP: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Makes the page's browser languages `[lang-XX, en]`, as a person's browser set to that language. */
export async function speakLanguage(page: Page, lang: string): Promise<void> {
  await page.addInitScript(
    (l) => Object.defineProperty(navigator, 'languages', { get: () => [`${l}-XX`, 'en'] }),
    lang,
  );
}

/** axe-core (WCAG 2.2 AA rules) on the page as it stands: no violation at all is expected. */
export async function expectNoAxeViolations(target: Page, label: string): Promise<void> {
  await target.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await target.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  expect({ label, violations: result.violations.map((v) => `${v.id} [${v.impact}] (${v.nodes.length})`) }).toEqual({
    label,
    violations: [],
  });
}

/**
 * What sticks out of the window's width (would make the page scroll sideways), as short
 * descriptions of the elements: empty when the page fits.
 */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
      )
      .slice(0, 10)
      .concat(`scrollWidth ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  });
}

/** 320 px wide with text at 200%: nothing to scroll sideways; then back to the size and text it had. */
export async function expectFitsPhoneAtLargeText(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  expect({ label, overflowing: await overflowingElements(page) }).toEqual({ label, overflowing: [] });
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  await page.setViewportSize(viewport);
}

/** How many pixels of a PNG screenshot are (nearly) the given `#rrggbb` colour. */
export function pixelsOf(shot: Buffer, colour: string): number {
  const png = PNG.sync.read(shot);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) <= 12 && Math.abs(png.data[i + 1] - g) <= 12 && Math.abs(png.data[i + 2] - b) <= 12)
      count++;
  }
  return count;
}

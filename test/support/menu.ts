/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * The web app's signed-in menu as a person uses it: on a phone (the browser tests' 412 px) only
 * the primary entries are in the bar, the others under "More".
 */

/** Opens the menu entry named `label`: from the bar when it is there, else after pressing "More". */
export async function openMenuEntry(page: Page, label: string): Promise<void> {
  const link = page.locator('nav.main-menu a', { hasText: label });
  if (!(await link.isVisible())) await page.click('nav.main-menu .menu-more button');
  await link.click();
}

/** What has the focus: its id, else its accessible label, else its text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.getAttribute('aria-label') || el?.textContent?.trim() || '';
  });
}

/** Presses Tab `times` times and says what had the focus after each. */
export async function tabThrough(page: Page, times: number): Promise<string[]> {
  const reached: string[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab');
    reached.push(await focused(page));
  }
  return reached;
}

/**
 * From "More" (which the caller has seen reached by Tab), by the keyboard alone: open it with
 * Enter and Tab through what it holds until the focus leaves the menu (which closes it). Returns
 * what was reached inside.
 */
export async function tabThroughMore(page: Page, moreLabel: string, limit = 20): Promise<string[]> {
  await page.focus('nav.main-menu .menu-more button');
  expect(await focused(page)).toBe(moreLabel);
  await page.keyboard.press('Enter');
  const inside: string[] = [await focused(page)];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (!(await page.evaluate(() => !!document.activeElement?.closest('#menu-more-list')))) break;
    inside.push(await focused(page));
  }
  return inside;
}

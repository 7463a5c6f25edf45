import type { Page } from 'playwright-core';

/** Waits until the first visible match of `selector` has exactly `expected` as its trimmed text. */
export async function waitForText(page: Page, selector: string, expected: string, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, want]) => [...document.querySelectorAll(sel)].some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.trim() === want),
      [selector, expected] as const,
      { timeout },
    );
  } catch {
    const seen = await page.locator(selector).allTextContents().catch(() => []);
    throw new Error(`Expected ${selector} to show "${expected}", saw ${JSON.stringify(seen)}`);
  }
}

/** Trimmed texts of the visible matches. */
export async function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.textContent?.trim() ?? ''));
}

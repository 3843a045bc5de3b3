/** Driving the search page in tests: wait for a search to finish, read every result. */
import type { Page } from 'playwright-core';

/** Waits until the search page has shown the outcome of the current URL. */
export async function searchSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    const busy = document.querySelector('[data-search-results]')?.getAttribute('aria-busy') === 'true';
    return !busy && status !== '' && status !== 'Searching…';
  });
  return (await page.locator('[data-search-status]').textContent()) ?? '';
}

/** A result link's report id: `/archive/news/2020/slug/?highlight=x#h` -> `2020/slug`. */
export function reportIdOf(href: string): string {
  const { pathname } = new URL(href, 'http://x');
  const match = /\/news\/(\d{4}\/[^/]+)\/$/.exec(pathname);
  if (!match) throw new Error(`not a report URL: ${href}`);
  return match[1]!;
}

/** Every result of the current search, in order, pressing "Show more results" as often as needed. */
export async function allResults(page: Page): Promise<{ id: string; date: string; href: string }[]> {
  const more = page.locator('[data-search-more]');
  while (await more.isVisible()) {
    const before = await page.locator('.search-result').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, before);
  }
  return page.locator('.search-result').evaluateAll((items) =>
    items.map((item) => ({
      href: item.querySelector('h2 a')!.getAttribute('href')!,
      date: item.querySelector('time')?.getAttribute('datetime') ?? '',
    })),
  ).then((rows) => rows.map((row) => ({ ...row, id: reportIdOf(row.href) })));
}

export async function openSearch(page: Page, url: string): Promise<string> {
  await page.goto(url);
  return searchSettled(page);
}

/**
 * How many pixels of `locator` are painted in the highlight colour (the stylesheet's --mark).
 * The browser's own text-fragment highlight (::target-text) is not in the DOM, so the test looks
 * at the screen, as a reader does: a screenshot of the element, decoded by a canvas in a blank
 * page (the site's own pages forbid data: images in their Content-Security-Policy).
 */
export async function highlightedPixels(page: Page, locator: import('playwright-core').Locator): Promise<number> {
  await locator.scrollIntoViewIfNeeded();
  const png = (await locator.screenshot({ animations: 'disabled' })).toString('base64');
  const [r, g, b] = await page.evaluate(() => {
    const mark = getComputedStyle(document.documentElement).getPropertyValue('--mark').trim();
    const probe = document.createElement('span');
    probe.style.color = mark;
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color.match(/\d+/g)!.map(Number) as [number, number, number];
    probe.remove();
    return rgb;
  });
  const blank = await page.context().browser()!.newPage();
  try {
    return await blank.evaluate(
      async ({ data, colour }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (Math.abs(pixels[i]! - colour[0]) < 8 && Math.abs(pixels[i + 1]! - colour[1]) < 8 && Math.abs(pixels[i + 2]! - colour[2]) < 8) count++;
        }
        return count;
      },
      { data: png, colour: [r, g, b] as [number, number, number] },
    );
  } finally {
    await blank.close();
  }
}

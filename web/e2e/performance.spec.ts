import { expect, test } from '@playwright/test';

/**
 * The directory's first screen is usable within a second, and the JavaScript sent for it
 * stays within 200 KB (gzip, as browsers receive it). The network map's code is a chunk of
 * its own and not part of it.
 */
test('the directory is usable within a second of navigating to it, on at most 200 KB of JavaScript', async ({ page }) => {
  const scripts: { url: string; bytes: number }[] = [];
  page.on('requestfinished', async (request) => {
    if (request.resourceType() === 'script') scripts.push({ url: request.url(), bytes: (await request.sizes()).responseBodySize });
  });
  const started = Date.now();
  await page.goto('/');
  await page.locator('ul.results > li').first().waitFor();
  const usableMs = Date.now() - started;
  // Typing works: the search answers.
  await page.getByLabel('Suche').fill('Jugendamt');
  await expect(page.getByRole('link', { name: 'Jugendamt', exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`directory: usable after ${usableMs} ms; JavaScript ${(total / 1024).toFixed(1)} KB in ${scripts.length} file(s)`);
  expect(usableMs).toBeLessThan(1000);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
  expect(scripts.some((s) => /NetworkPage/.test(s.url))).toBe(false);
});

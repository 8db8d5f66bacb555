import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser } from '@playwright/test';

/**
 * The directory's first screen: how soon it is usable, and the JavaScript sent for it, which
 * stays within 200 KB (gzip, as browsers receive it). The network map's code is a chunk of
 * its own and not part of it.
 *
 * The goal, usable within a second, is a benchmark's (`npm run bench:web`: the median of ten
 * navigations, written to bench/results/web.json), not a pass/fail line: one navigation's
 * time on a shared 2-core machine varies by a factor of three with what else runs there.
 * The test holds what can be held exactly (the bytes, the chunks, that search works) and a
 * bound of three seconds, which only a regression, not a busy machine, crosses.
 */
const GOAL_MS = 1000;
const GUARD_MS = 3000;
const BENCH = process.env.BENCH_WEB === '1';

/** One navigation in a fresh context (nothing cached): when the first entry is in the DOM, by the browser's clock. */
async function navigate(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: { url: string; bytes: number }[] = [];
  page.on('requestfinished', async (request) => {
    if (request.resourceType() === 'script') scripts.push({ url: request.url(), bytes: (await request.sizes()).responseBodySize });
  });
  // From the start of the navigation to the first entry: the test runner's own clock would
  // also count its round trips to the browser and the polling of waitFor.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('ul.results > li')) return;
      (window as unknown as { usableAt: number }).usableAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await page.locator('ul.results > li').first().waitFor();
  const usableMs = Math.round(await page.evaluate(() => (window as unknown as { usableAt: number }).usableAt));
  return { page, context, scripts, usableMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('the directory is usable soon after navigating to it, on at most 200 KB of JavaScript', async ({ browser }) => {
  test.setTimeout(BENCH ? 120_000 : 30_000);
  const { page, context, scripts, usableMs } = await navigate(browser);
  // Typing works: the search answers.
  await page.getByLabel('Suche').fill('Jugendamt');
  await expect(page.getByRole('link', { name: 'Jugendamt', exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await context.close();
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
  expect(scripts.some((s) => /NetworkPage/.test(s.url))).toBe(false);

  const samples = [usableMs];
  for (let i = 1; i < (BENCH ? 10 : 3); i++) {
    const run = await navigate(browser);
    samples.push(run.usableMs);
    await run.context.close();
  }
  const result = { medianMs: median(samples), samplesMs: samples, goalMs: GOAL_MS, javaScriptKB: Math.round(total / 102.4) / 10, files: scripts.length };
  console.log(`directory: usable after ${result.medianMs} ms (median of ${samples.length}: ${samples.join(', ')}; goal ${GOAL_MS} ms); JavaScript ${result.javaScriptKB} KB in ${scripts.length} file(s)`);
  if (BENCH) {
    const file = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'bench/results/web.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2));
  }
  expect(result.medianMs).toBeLessThan(GUARD_MS);
});

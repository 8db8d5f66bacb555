import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/**
 * The screenshots in the README, made by the suite so that they show the app as it is:
 * docs/screenshots/*.png.
 */
const DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test.use({ viewport: { width: 1280, height: 860 } });

test('screenshots of the directory, an organisation, the heatmap and the network map', async ({ page }) => {
  await page.goto('/?q=Sprache');
  await page.locator('ul.results > li').first().waitFor();
  await page.screenshot({ path: `${DIR}directory.png` });

  await page.goto('/organisation/jugendamt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jugendamt');
  await page.screenshot({ path: `${DIR}organisation.png` });

  await page.goto('/analyse/abdeckung');
  await page.locator('table').first().waitFor();
  await page.screenshot({ path: `${DIR}heatmap.png`, fullPage: true });

  await page.goto('/analyse/netzwerk');
  const map = page.getByTestId('network-map');
  await expect(map).toHaveAttribute('data-positions', /slug/);
  await map.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${DIR}network.png` });
});

test('screenshot of the monitoring report', async ({ page }) => {
  await page.goto('/export/monitoring.html?from=2022-01-01&interval=QUARTER');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Monitoring des Partnernetzwerks');
  await expect(page.locator('svg[role="img"]').first()).toBeVisible();
  await page.screenshot({ path: `${DIR}monitoring.png` });
});

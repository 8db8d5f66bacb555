import { expect, test } from '@playwright/test';
import { expectAccessible } from './support';

/** The public directory as a visitor meets it: search, filters in the URL, the pages of the graph. */

test('a search with a typo finds the Jugendamt, as the visitor types', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Verzeichnis der Partner' })).toBeVisible();
  await expect(page.getByText('43 Einträge')).toBeVisible();
  await page.getByLabel('Suche').fill('Jugendammt');
  await expect(page.getByRole('link', { name: 'Jugendamt', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\?q=Jugendammt$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Jugendamt', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jugendamt');
  await expect(page.getByRole('link', { name: 'Stadt Wetzlar' })).toBeVisible();
  await expectAccessible(page);
});

test('filters live in the URL: a filtered view reloads to the same list', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Ebene').selectOption('FEDERAL');
  await page.getByLabel('Handlungsfeld').selectOption('II');
  await expect(page).toHaveURL(/level=FEDERAL/);
  await expect(page).toHaveURL(/field=II/);
  const results = page.locator('ul.results > li > a');
  await expect(results.first()).toBeVisible();
  const names = await results.allTextContents();
  expect(names.length).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByLabel('Ebene')).toHaveValue('FEDERAL');
  await expect(page.getByLabel('Handlungsfeld')).toHaveValue('II');
  await expect(results).toHaveText(names);
  // The same URL in a new tab: the same list.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.locator('ul.results > li > a')).toHaveText(names);
});

test('"more" reads the next page of the list', async ({ page }) => {
  await page.goto('/');
  const results = page.locator('ul.results > li');
  await expect(results).toHaveCount(20);
  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await expect(results).toHaveCount(40);
  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await expect(results).toHaveCount(43);
  await expect(page.getByRole('button', { name: 'Weitere laden' })).toHaveCount(0);
});

test('Fachforum III shows its five members with their roles, linked to their pages', async ({ page }) => {
  await page.goto('/foren');
  await expectAccessible(page);
  await page.getByRole('link', { name: /Fachforum III/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mitglieder (5)' })).toBeVisible();
  const members = page.locator('ul.cards > li');
  await expect(members).toHaveCount(5);
  await expectAccessible(page);
  await members.getByRole('link', { name: 'Migrantenvereine' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Migrantenvereine');
});

test('an organisation’s history opens on request; a forum shows its members as of a day, kept in the URL', async ({ page }) => {
  await page.goto('/organisation/jugendamt');
  await page.getByText('Verlauf in Fachforen, Gremien und Projekten').click();
  const history = page.locator('details table');
  await expect(history.getByRole('link', { name: 'Fachforum I' })).toBeVisible();
  // The slides' links have no start date.
  await expect(history.getByRole('row').nth(1)).toContainText('unbekannt');
  await expectAccessible(page);

  await page.goto('/forum/III');
  await page.getByLabel('Stand am (leer: heute)').fill('2020-01-01');
  await expect(page).toHaveURL(/asOf=2020-01-01/);
  await expect(page.getByRole('heading', { level: 2, name: 'Mitglieder (5)' })).toBeVisible();
});

test('bodies, projects and fields of action have pages of their own, linked as the graph is', async ({ page }) => {
  for (const path of ['/gremium/programmbeirat', '/gremium/steuerungs-ag', '/handlungsfeld/I']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
  await page.goto('/handlungsfeld/I');
  await page.locator('section', { has: page.getByRole('heading', { name: 'Projekte' }) }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/projekt\//);
  await expect(page.getByRole('heading', { level: 2, name: /Beteiligte/ })).toBeVisible();
  await expectAccessible(page);
});

test('English is one click away, and stays', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Directory of partners');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Directory of partners');
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzeichnis der Partner');
});

test('an unknown page says so, with the way back', async ({ page }) => {
  await page.goto('/organisation/gibt-es-nicht');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diese Seite gibt es nicht.');
  await page.getByRole('link', { name: 'Zurück zum Verzeichnis' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzeichnis der Partner');
});

test('the network map renders, and a click on an organisation opens its page', async ({ page }) => {
  await page.goto('/analyse/netzwerk');
  const map = page.getByTestId('network-map');
  await expect(map.locator('canvas').first()).toBeVisible();
  // The map tells where it drew its most central organisations (for this test and for tools).
  await expect(map).toHaveAttribute('data-positions', /slug/);
  const positions = JSON.parse((await map.getAttribute('data-positions'))!) as { slug: string; x: number; y: number }[];
  const target = positions[0];
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await expect(page).toHaveURL(new RegExp(`/organisation/${target.slug}$`));
  await page.goto('/analyse/netzwerk');
  await expectAccessible(page);
});

test('where: an organisation names the areas it serves, or says it states none; the area filter lives in the URL', async ({ page }) => {
  await page.goto('/organisation/quartiersmanagement');
  const served = page.getByRole('definition').filter({ has: page.getByRole('link', { name: 'Niedergirmes' }) });
  await expect(served.getByRole('link')).toHaveText(['Silhöfer Aue', 'Altenberger Straße', 'Dalheim', 'Niedergirmes']);
  await expectAccessible(page);
  await page.goto('/organisation/kirchen');
  await expect(page.getByText('nicht angegeben')).toBeVisible();

  await page.goto('/');
  await page.getByLabel('Sozialraum').selectOption('niedergirmes');
  await expect(page).toHaveURL(/area=niedergirmes/);
  const results = page.locator('ul.results > li > a');
  await expect(results.filter({ hasText: 'Quartiersmanagement' })).toHaveCount(1);
  await expect(results.filter({ hasText: 'Jugendamt' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Sozialraum')).toHaveValue('niedergirmes');
  await page.getByLabel('Sozialraum').selectOption('naunheim');
  await expect(results.filter({ hasText: 'Jugendamt' })).toHaveCount(1);
  await expect(results.filter({ hasText: 'Quartiersmanagement' })).toHaveCount(0);
});

import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support';

/** The analysts' views: the coverage heatmap, the gap report and the downloads, on the Wetzlar data. */

const heatmap = (page: Page) => page.getByRole('table', { name: /^Organisationen je Handlungsfeld/ });
const rowOf = (page: Page, field: string) => heatmap(page).locator('tbody tr', { has: page.getByRole('rowheader', { name: field }) });
const columnNames = async (page: Page) => (await heatmap(page).locator('thead th').allTextContents()).slice(1, -1);

test('nobody covers field IV: its heatmap row is all zeros, and the gap report says so', async ({ page }) => {
  await page.goto('/analyse/abdeckung');
  await expect(page.getByRole('heading', { level: 1, name: 'Abdeckung der Handlungsfelder' })).toBeVisible();
  await expect(heatmap(page)).toBeVisible();
  const columns = await columnNames(page);
  expect(columns).toContain('Schule');
  expect(columns).toContain('Wohnungsunternehmen');
  // One cell per kind plus the row's total, every one of them 0, none a link.
  const cells = rowOf(page, 'IV – Gesundheit').getByRole('cell');
  await expect(cells).toHaveCount(columns.length + 1);
  expect(new Set(await cells.allTextContents())).toEqual(new Set(['0']));
  await expect(rowOf(page, 'IV – Gesundheit').getByRole('link')).toHaveCount(1); // the field's own page only
  await expect(rowOf(page, 'IV – Gesundheit').getByRole('link')).toHaveAttribute('href', '/handlungsfeld/IV');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Lücken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lücken im Netzwerk' })).toBeVisible();
  const thinFields = page.getByRole('region', { name: 'Dünn besetzte Handlungsfelder' });
  const iv = thinFields.getByRole('listitem').filter({ hasText: 'Handlungsfeld IV – Gesundheit hat keinen Partner.' });
  await expect(iv).toBeVisible();
  await expect(thinFields.getByRole('listitem').filter({ hasText: 'Handlungsfeld V – Wohnen hat nur 2 Partner (weniger als 3).' })).toBeVisible();
  await expectAccessible(page);
  await iv.getByRole('link', { name: 'Handlungsfeld IV – Gesundheit' }).click();
  await expect(page).toHaveURL(/\/handlungsfeld\/IV$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gesundheit');
});

test('a heatmap cell leads to the directory filtered by its field and kind, listing as many entries as it counts', async ({ page }) => {
  await page.goto('/analyse/abdeckung');
  const cell = rowOf(page, 'I – Bildung und Soziale Beratung').getByRole('link', { name: /der Art „Schule“ in Handlungsfeld I:/ });
  const count = Number(await cell.textContent());
  expect(count).toBeGreaterThan(0);
  // Darker than a cell of one, and the number is printed in it.
  await expect(cell.locator('xpath=..')).toHaveClass(/heat-[1-5]/);
  await cell.click();
  await expect(page).toHaveURL(/\/\?kind=SCHOOL&field=I$/);
  await expect(page.getByLabel('Art', { exact: true })).toHaveValue('SCHOOL');
  await expect(page.getByLabel('Handlungsfeld', { exact: true })).toHaveValue('I');
  await expect(page.getByText(count === 1 ? '1 Eintrag' : `${count} Einträge`, { exact: true })).toBeVisible();
  const results = page.locator('ul.results > li');
  await expect(results).toHaveCount(count);
  for (const result of await results.all()) {
    await expect(result.locator('.tag', { hasText: 'Schule' })).toHaveCount(1);
    await expect(result.locator('.tag.field', { hasText: /^I$/ })).toHaveCount(1);
  }

  // The row's total leads to the field's whole list.
  await page.goBack();
  const total = rowOf(page, 'I – Bildung und Soziale Beratung').getByRole('link', { name: /in Handlungsfeld I zusammen/ });
  const sum = Number(await total.textContent());
  await total.click();
  await expect(page).toHaveURL(/\/\?field=I$/);
  await expect(page.getByText(`${sum} Einträge`, { exact: true })).toBeVisible();
});

test('the columns switch to levels by keyboard, live in the URL and survive a reload', async ({ page }) => {
  await page.goto('/analyse/abdeckung');
  await expect(heatmap(page)).toBeVisible();
  const kinds = await columnNames(page);
  await page.getByLabel('nach Art der Organisation').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('nach Ebene')).toBeChecked();
  await expect(page).toHaveURL(/\/analyse\/abdeckung\?by=LEVEL$/);
  await expect(heatmap(page)).toHaveAccessibleName(/Ebene \(Spalten\)/);
  const levels = ['Bund', 'Land', 'Kreis', 'Stadt', 'Zivilgesellschaft', 'Privatwirtschaft'];
  await expect.poll(() => columnNames(page)).toEqual(levels);
  expect(levels).not.toEqual(kinds);
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByLabel('nach Ebene')).toBeChecked();
  await expect(heatmap(page)).toBeVisible();
  await expect.poll(() => columnNames(page)).toEqual(levels);

  // A level's cell leads to the directory filtered by field and level.
  const cell = rowOf(page, 'I – Bildung und Soziale Beratung').getByRole('link', { name: /der Ebene „Stadt“ in Handlungsfeld I:/ });
  const count = Number(await cell.textContent());
  await cell.click();
  await expect(page).toHaveURL(/\/\?level=CITY&field=I$/);
  await expect(page.getByText(count === 1 ? '1 Eintrag' : `${count} Einträge`, { exact: true })).toBeVisible();
  await expect(page.locator('ul.results > li')).toHaveCount(count);

  await page.goBack();
  await expect(page).toHaveURL(/\/analyse\/abdeckung\?by=LEVEL$/);
  await expect(heatmap(page)).toHaveAccessibleName(/Ebene \(Spalten\)/);
  // click, not check(): the URL changes in a React transition, so the radio is checked a
  // moment after the click rather than at once, which check() would take for a failure.
  await page.getByLabel('nach Art der Organisation').click();
  await expect(page.getByLabel('nach Art der Organisation')).toBeChecked();
  await expect(page).toHaveURL(/\/analyse\/abdeckung$/);
  await expect(heatmap(page)).toHaveAccessibleName(/Art \(Spalten\)/);
  await expect.poll(() => columnNames(page)).toEqual(kinds);
});

test('the gap report follows its settings, kept in the URL, and speaks English too', async ({ page }) => {
  await page.goto('/analyse/luecken');
  const levelsMissing = page.getByRole('region', { name: 'Ebenen, die in einem Fachforum fehlen' });
  await expect(levelsMissing.getByRole('listitem').filter({ hasText: 'Fachforum I hat kein Mitglied der Ebene „Bund“.' })).toBeVisible();
  const kindsMissing = page.getByRole('region', { name: 'Arten von Organisationen, die in einem Handlungsfeld fehlen' });
  await expect(kindsMissing.getByRole('listitem').filter({ hasText: 'In Handlungsfeld V – Wohnen arbeitet keine Organisation der Art „Migrantenorganisation“ mit.' })).toBeVisible();
  await expect(page.getByLabel('Wohnungsunternehmen')).toBeChecked();
  await expect(page.getByLabel('Migrantenorganisation')).toBeChecked();
  await expect(page.getByLabel('Bund', { exact: true })).toBeChecked();

  // Fewer than 2 partners: field V (two) is no longer thin, field IV (none) still is.
  await page.getByLabel('Dünn besetzt heißt: weniger Partner als').fill('2');
  await expect(page).toHaveURL(/min=2/);
  const thinFields = page.getByRole('region', { name: 'Dünn besetzte Handlungsfelder' });
  await expect(thinFields.getByRole('listitem')).toHaveCount(1);
  await expect(thinFields.getByRole('listitem')).toHaveText('Handlungsfeld IV – Gesundheit hat keinen Partner.');

  // No level to look for: nothing is reported there (the API would take "none" for "all").
  // click, not uncheck(): the box follows the URL, which changes in a React transition.
  await page.getByLabel('Bund', { exact: true }).click();
  await expect(page.getByLabel('Bund', { exact: true })).not.toBeChecked();
  await expect(levelsMissing).toContainText('Keine Ebene gewählt');
  await expect(levelsMissing.getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Dünn besetzt heißt: weniger Partner als')).toHaveValue('2');
  await expect(page.getByLabel('Bund', { exact: true })).not.toBeChecked();
  await expect(levelsMissing).toContainText('Keine Ebene gewählt');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Voreinstellung wiederherstellen' }).click();
  await expect(page).toHaveURL(/\/analyse\/luecken$/);
  await expect(page.getByLabel('Bund', { exact: true })).toBeChecked();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gaps in the network');
  await expect(page.getByRole('listitem').filter({ hasText: 'Field of action IV – Health has no partners.' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Fachforum I has no member from the level “Federal”.' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/analyse/abdeckung');
  await expect(page.getByRole('table', { name: /^Organisations per field of action/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'IV – Health' })).toBeVisible();
  await expectAccessible(page);
});

test('every download answers with its file and content type', async ({ page }) => {
  await page.goto('/downloads');
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
  const expected: [string, string, RegExp][] = [
    ['organisations.csv herunterladen', '/export/organisations.csv', /^text\/csv; charset=utf-8/],
    ['organisations.csv für Excel herunterladen', '/export/organisations.csv?bom=1', /^text\/csv; charset=utf-8/],
    ['network.graphml herunterladen', '/export/network.graphml', /^application\/graphml\+xml/],
    ['network.gexf herunterladen', '/export/network.gexf', /^application\/gexf\+xml/],
    ['kumu-elements.csv herunterladen', '/export/kumu-elements.csv', /^text\/csv; charset=utf-8/],
    ['kumu-connections.csv herunterladen', '/export/kumu-connections.csv', /^text\/csv; charset=utf-8/],
    ['hsds.json herunterladen', '/export/hsds.json', /^application\/json/],
  ];
  for (const [name, href, type] of expected) {
    const link = page.getByRole('link', { name, exact: true });
    await expect(link).toHaveAttribute('href', href);
    await expect(link).toHaveAttribute('download', '');
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()['content-type'], href).toMatch(type);
    const body = await response.body();
    expect(body.length, href).toBeGreaterThan(100);
    // Only the Excel version starts with the byte-order mark.
    expect(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), href).toBe(href.endsWith('bom=1'));
  }
  await expectAccessible(page);

  // The link makes the browser save the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'hsds.json herunterladen' }).click()]);
  expect(download.suggestedFilename()).toBe('hsds.json');

  // The network's part of a forum, as the network page filters it.
  await page.getByLabel('Fachforum', { exact: true }).selectOption('III');
  await page.getByLabel('Handlungsfeld', { exact: true }).selectOption('III');
  const filtered = page.getByRole('link', { name: /^network\.graphml herunterladen \(Handlungsfeld III, Fachforum III\)$/ });
  await expect(filtered).toHaveAttribute('href', '/export/network.graphml?fieldOfAction=III&forum=III');
  await expect(page).toHaveURL(/\/downloads\?forum=III&field=III$/);
  await expect(page.getByRole('link', { name: 'network.gexf herunterladen' })).toHaveAttribute('href', '/export/network.gexf?fieldOfAction=III&forum=III');
  const response = await page.request.get((await filtered.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/graphml\+xml/);
  const graphml = await response.text();
  const whole = await (await page.request.get('/export/network.graphml')).text();
  const nodes = (xml: string) => (xml.match(/<node /g) ?? []).length;
  expect(nodes(graphml)).toBeGreaterThan(0);
  expect(nodes(graphml)).toBeLessThan(nodes(whole));
  await page.reload();
  await expect(filtered).toBeVisible();
  await expectAccessible(page);
});

test('by social area: the 20 districts as columns; a cell leads to the directory filtered by field and area', async ({ page }) => {
  await page.goto('/analyse/abdeckung?by=SOCIAL_AREA');
  await expect(page.getByLabel('nach Sozialraum')).toBeChecked();
  await expect(heatmap(page)).toHaveAccessibleName(/Sozialraum \(Spalten\)/);
  await expect.poll(async () => (await columnNames(page)).length).toBe(20);
  const columns = await columnNames(page);
  expect(columns.slice(0, 2)).toEqual(['Altstadt', 'Neustadt']);
  expect(columns).toContain('Niedergirmes');
  expect(columns.at(-1)).toBe('Steindorf');
  await expectAccessible(page);

  const cell = rowOf(page, 'I – Bildung und Soziale Beratung').getByRole('link', { name: /für „Niedergirmes“ in Handlungsfeld I:/ });
  const count = Number(await cell.textContent());
  expect(count).toBeGreaterThan(0);
  await cell.click();
  await expect(page).toHaveURL(/\/\?field=I&area=niedergirmes$/);
  await expect(page.getByLabel('Sozialraum', { exact: true })).toHaveValue('niedergirmes');
  await expect(page.getByText(count === 1 ? '1 Eintrag' : `${count} Einträge`, { exact: true })).toBeVisible();
  await expect(page.locator('ul.results > li')).toHaveCount(count);
});

import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { expectAccessible, issueKey, signIn } from './support';

/**
 * Partners maintain their entry (signed in with an access key), the coordination office
 * decides requests, reads the audit log and issues and revokes keys: in the browser, against
 * the real server and its database.
 */

/** Asks the API directly, with the cookies (the session) of the given request context. */
async function gql<T = any>(request: APIRequestContext, query: string, variables?: Record<string, unknown>): Promise<{ data: T; errors?: { message: string; extensions: { code: string } }[] }> {
  const response = await request.post('/graphql', { data: { query, variables } });
  return response.json();
}

const VHS = '{ organisation(slug: "vhs") { id version website description phone } }';

async function openEditForm(page: Page, slug = 'vhs') {
  await page.goto(`/bearbeiten/${slug}`);
  await expect(page.getByLabel('Website')).toBeVisible();
}

const save = (page: Page) => page.getByRole('button', { name: 'Änderungen speichern' }).click();

test('a partner edits its website and sees the new value on its public page and in its history', async ({ page }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  await page.getByRole('link', { name: 'Meine Einträge' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Volkshochschule bearbeiten');
  await expect(page.getByText(/Stand: Version \d+/)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Website').fill('https://www.vhs-wetzlar.example/kurse');
  await page.getByLabel('Sprachen', { exact: true }).fill('de, TR, ar');
  await page.getByLabel('Angebote').fill('Deutschkurse\nIntegrationskurse');
  await save(page);
  const saved = page.getByRole('status');
  await expect(saved).toContainText('Gespeichert. Der Eintrag ist jetzt auf Version');
  await expect(saved).toBeFocused();
  // The form holds the new version: normalised as the server keeps it.
  await expect(page.getByLabel('Sprachen', { exact: true })).toHaveValue('de, tr, ar');
  const { data } = await gql(page.request, VHS);
  expect(data.organisation.website).toBe('https://www.vhs-wetzlar.example/kurse');
  await expect(page.getByText(`Stand: Version ${data.organisation.version},`)).toBeVisible();

  // The history: date, who, field, before → after.
  const history = page.locator('#edit-history');
  const change = history.locator('tr', { hasText: 'https://www.vhs-wetzlar.example/kurse' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Website');
  await expect(history.locator('tr', { hasText: 'E2E PARTNER_EDITOR vhs' }).first()).toContainText('Eintrag geändert');
  await expect(history.locator('tr', { hasText: 'Angebote' })).toContainText('Integrationskurse');

  // The public page shows it.
  await page.getByRole('link', { name: 'Öffentliche Seite ansehen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Volkshochschule (VHS)');
  await expect(page.getByRole('link', { name: 'https://www.vhs-wetzlar.example/kurse' })).toBeVisible();

  // And in English.
  await page.goto('/bearbeiten/vhs');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit Volkshochschule');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await page.getByRole('button', { name: 'Deutsch' }).click();
});

test('a stale form meets a conflict: both sides shown, nothing overwritten, the change reapplied on top', async ({ page, browser, baseURL }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  await openEditForm(page);

  // Meanwhile, a colleague in another browser changes the same entry.
  const other = await browser.newContext({ baseURL, locale: 'de-DE' });
  const colleague = await other.newPage();
  await signIn(colleague, issueKey('PARTNER_EDITOR', 'vhs'));
  await openEditForm(colleague);
  await colleague.getByLabel('Website').fill('https://kollegin.example/');
  await colleague.getByLabel('Beschreibung').fill('Beschreibung aus dem zweiten Browser.');
  await save(colleague);
  await expect(colleague.getByRole('status')).toContainText('Gespeichert');
  const { data: afterColleague } = await gql(page.request, VHS);

  // The first form, loaded before, changes the website and the telephone.
  await page.getByLabel('Website').fill('https://erster-browser.example/');
  await page.getByLabel('Telefon', { exact: true }).fill('+49 6441 40 00');
  await save(page);
  const title = page.getByRole('heading', { name: 'Jemand anderes hat diesen Eintrag inzwischen geändert' });
  await expect(title).toBeVisible();
  await expect(title).toBeFocused();
  await expect(page.getByText(`inzwischen auf Version ${afterColleague.organisation.version}`)).toBeVisible();
  // Side by side, per changed field: mine and what is saved now.
  const website = page.locator('tr[data-field="website"]');
  await expect(website.locator('td.pt-mine')).toHaveText('https://erster-browser.example/');
  await expect(website.locator('td.pt-current')).toHaveText('https://kollegin.example/');
  await expect(website).toContainText('inzwischen geändert');
  const phone = page.locator('tr[data-field="phone"]');
  await expect(phone.locator('td.pt-mine')).toHaveText('+49 6441 40 00');
  // The description was not changed here: not part of the change, and will not be touched.
  await expect(page.locator('tr[data-field="description"]')).toHaveCount(0);
  await expectAccessible(page);

  // Nothing was written by the stale save.
  const { data: untouched } = await gql(page.request, VHS);
  expect(untouched.organisation).toEqual(afterColleague.organisation);

  // One click applies the change to the current version.
  await page.getByRole('button', { name: 'Meine Änderungen auf den aktuellen Stand anwenden' }).click();
  await expect(page.getByRole('status')).toContainText(`Version ${afterColleague.organisation.version + 1}`);
  const { data: final } = await gql(page.request, VHS);
  expect(final.organisation.website).toBe('https://erster-browser.example/');
  expect(final.organisation.phone).toBe('+49 6441 40 00');
  // The colleague's description is still there.
  expect(final.organisation.description).toBe('Beschreibung aus dem zweiten Browser.');
  await expect(page.getByLabel('Beschreibung')).toHaveValue('Beschreibung aus dem zweiten Browser.');
  // Both changes are in the history, the colleague's "after" being the reapplied "before".
  const history = page.locator('#edit-history');
  await expect(history.locator('tr', { hasText: 'https://erster-browser.example/' })).toContainText('https://kollegin.example/');

  // The colleague's form is stale now: discarding shows what is saved.
  await colleague.getByLabel('Website').fill('https://noch-einmal.example/');
  await save(colleague);
  await expect(colleague.getByRole('heading', { name: 'Jemand anderes hat diesen Eintrag inzwischen geändert' })).toBeFocused();
  await colleague.getByRole('button', { name: 'Meine Änderungen verwerfen' }).click();
  await expect(colleague.getByRole('status')).toContainText('verworfen');
  await expect(colleague.getByLabel('Website')).toHaveValue('https://erster-browser.example/');
  expect((await gql(page.request, VHS)).data.organisation.website).toBe('https://erster-browser.example/');
  await other.close();
});

test('a problem with a field is shown next to it and summarised at the top; nothing is written', async ({ page }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  await openEditForm(page);
  const { data: before } = await gql(page.request, VHS);
  await page.getByLabel('Website').fill('not a url');
  await save(page);
  const summary = page.getByRole('alert').filter({ hasText: 'Es wurde nichts gespeichert' });
  await expect(summary).toBeFocused();
  const field = page.getByLabel('Website');
  await expect(page.locator('#edit-website-error')).toHaveText('Bitte eine Webadresse angeben, die mit http:// oder https:// beginnt.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/mit http:\/\/ oder https:\/\/ beginnt/);
  await expectAccessible(page);
  // The summary leads to the field.
  await summary.getByRole('link', { name: /^Website:/ }).click();
  await expect(field).toBeFocused();
  const { data: after } = await gql(page.request, VHS);
  expect(after.organisation).toEqual(before.organisation);
});

test('a partner cannot edit another organisation: no form, and the API refuses', async ({ page }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  await page.goto('/bearbeiten/jugendamt');
  await expect(page.getByText('Ihr Zugang darf diesen Eintrag („jugendamt“) nicht bearbeiten.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Änderungen speichern' })).toHaveCount(0);
  await expect(page.getByLabel('Website')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Volkshochschule' })).toBeVisible();
  await expectAccessible(page);

  const { data } = await gql(page.request, '{ organisation(slug: "jugendamt") { id version website } }');
  const answer = await gql(
    page.request,
    'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { website } userErrors { field } } }',
    { input: { id: data.organisation.id, expectedVersion: data.organisation.version, patch: { website: 'https://vhs-war-hier.example' } } },
  );
  expect(answer.errors?.[0].extensions.code).toBe('FORBIDDEN');
  expect((await gql(page.request, '{ organisation(slug: "jugendamt") { website } }')).data.organisation.website).toBe(data.organisation.website);

  // The coordination office's pages are not for partners either.
  for (const path of ['/koordination/antraege', '/koordination/protokoll', '/koordination/zugaenge', '/koordination/webhooks']) {
    await page.goto(path);
    await expect(page.getByText('Nicht erlaubt: Diese Seite ist der Projektkoordination vorbehalten.')).toBeVisible();
  }
  await expectAccessible(page);
});

test('signing out ends the session: the old cookie no longer works', async ({ page, playwright, baseURL }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ig_session');
  expect(cookie).toBeTruthy();
  const fresh = await playwright.request.newContext({ baseURL });
  const viewer = async () =>
    (await (await fresh.post('/graphql', { headers: { cookie: `ig_session=${cookie!.value}` }, data: { query: '{ viewer { name } }' } })).json()).data.viewer;
  expect((await viewer())?.name).toBe('E2E PARTNER_EDITOR vhs');

  await page.getByRole('button', { name: /^Abmelden/ }).click();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
  expect(await viewer()).toBeNull();
  await page.goto('/bearbeiten/vhs');
  await expect(page.getByText('Bitte melden Sie sich mit Ihrem Zugangsschlüssel an')).toBeVisible();
  await expect(page.getByLabel('Website')).toHaveCount(0);
  await fresh.dispose();
});

test('a partner asks to join a forum; the coordination office approves; the forum lists it', async ({ page, browser, baseURL }) => {
  await signIn(page, issueKey('PARTNER_EDITOR', 'vhs'));
  await openEditForm(page);
  const target = page.getByLabel('Wo möchten Sie mitarbeiten?');
  // Asking without choosing: said at the field.
  await page.getByRole('button', { name: 'Antrag stellen' }).click();
  await expect(target).toBeFocused();
  await expect(page.locator('#join-target-error')).toHaveText('Bitte wählen Sie aus, wo Sie mitarbeiten möchten.');
  await target.selectOption({ label: 'Fachforum II' });
  await page.getByLabel('Nachricht an die Projektkoordination').fill('Wir bieten Sprach- und Integrationskurse an.');
  await page.getByRole('button', { name: 'Antrag stellen' }).click();
  const sent = page.getByRole('status');
  await expect(sent).toContainText('Ihr Antrag für „Fachforum II“ ist eingegangen.');
  await expect(sent).toBeFocused();
  const own = page.locator('#edit-membership ul.pt-requests > li', { hasText: 'Fachforum II' });
  await expect(own).toContainText('offen');
  await expect(target.locator('option', { hasText: 'Fachforum II (Antrag offen)' })).toBeDisabled();
  await expect(page.locator('#edit-history tr', { hasText: 'Antrag auf Mitarbeit gestellt' })).toHaveCount(1);
  await expectAccessible(page);

  // The coordination office, in its own browser.
  const office = await browser.newContext({ baseURL, locale: 'de-DE' });
  const coordinator = await office.newPage();
  await signIn(coordinator, issueKey('COORDINATOR'));
  await coordinator.getByRole('link', { name: 'Koordination' }).click();
  await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Anträge auf Mitarbeit');
  await expect(coordinator.getByRole('heading', { level: 2, name: /Offene Anträge \(\d+\)/ })).toBeVisible();
  const request = coordinator.locator('ul.pt-queue > li', { hasText: 'Volkshochschule' }).filter({ hasText: 'Fachforum II' });
  await expect(request).toContainText('Wir bieten Sprach- und Integrationskurse an.');
  await expectAccessible(coordinator);
  await request.getByLabel('Notiz für den Partner').fill('Willkommen im Fachforum II!');
  await request.getByRole('button', { name: 'Antrag von Volkshochschule für Fachforum II annehmen' }).click();
  const decided = coordinator.getByRole('status');
  await expect(decided).toHaveText('Angenommen: Volkshochschule ist jetzt Mitglied in Fachforum II.');
  await expect(decided).toBeFocused();
  await expect(coordinator.locator('ul.pt-queue > li', { hasText: 'Volkshochschule' }).filter({ hasText: 'offen' })).toHaveCount(0);
  await expect(coordinator.locator('ul.pt-queue > li', { hasText: 'Willkommen im Fachforum II!' })).toContainText('angenommen');

  // The forum lists the organisation now.
  await coordinator.goto('/forum/II');
  await expect(coordinator.getByRole('heading', { level: 2, name: 'Mitglieder (3)' })).toBeVisible();
  await expect(coordinator.locator('ul.cards').getByRole('link', { name: 'Volkshochschule' })).toBeVisible();
  await office.close();

  // The partner sees the decision and the note.
  await page.reload();
  await expect(own).toContainText('angenommen');
  await expect(own).toContainText('Willkommen im Fachforum II!');
  await expect(target.locator('option', { hasText: 'Fachforum II (bereits Mitglied)' })).toBeDisabled();
});

test('the audit log shows each change before and after, filtered by organisation and kind, read on with "more"', async ({ page }) => {
  test.setTimeout(90_000);
  // A few changes of its own, so that there is more than one page.
  const partner = issueKey('PARTNER_EDITOR', 'vhs');
  await signIn(page, partner);
  await openEditForm(page);
  const start = (await gql(page.request, VHS)).data.organisation.version;
  for (let i = 1; i <= 21; i++) {
    await page.getByLabel('Telefon', { exact: true }).fill(`+49 6441 ${1000 + i}`);
    await save(page);
    await expect(page.getByRole('status')).toHaveText(`Gespeichert. Der Eintrag ist jetzt auf Version ${start + i}.`);
  }
  await page.getByRole('button', { name: /^Abmelden/ }).click();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();

  await signIn(page, issueKey('COORDINATOR'));
  await page.goto('/koordination/protokoll');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Änderungsprotokoll');
  await expect(page.getByRole('navigation', { name: 'Bereiche der Koordination' }).getByRole('link', { name: 'Änderungsprotokoll' })).toHaveAttribute('aria-current', 'page');
  const newest = page.locator('table.pt-audit tr', { hasText: '+49 6441 1021' });
  await expect(newest).toContainText('+49 6441 1020');
  await expect(newest).toContainText('Volkshochschule');
  await expect(newest).toContainText('E2E PARTNER_EDITOR vhs');
  await expectAccessible(page);

  // Filtered by organisation (found with a typo) and kind of change; kept in the URL.
  await page.getByLabel('Organisation suchen').fill('Volkshochschul');
  await page.getByRole('button', { name: 'Volkshochschule auswählen' }).click();
  await expect(page.getByText('Nur Änderungen zu: Volkshochschule')).toBeVisible();
  await expect(page).toHaveURL(/organisation=/);
  await page.getByLabel('Art der Änderung').selectOption('UPDATE');
  await expect(page).toHaveURL(/aktion=UPDATE/);
  const rows = page.locator('table.pt-audit tbody tr.pt-entry-start');
  await expect(rows).toHaveCount(20);
  const total = Number((await page.locator('p.count').textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Weitere laden' }).click();
  await expect(rows).toHaveCount(Math.min(total, 40));
  for (const text of await rows.locator('td:nth-child(3)').allTextContents()) expect(text).toContain('Eintrag geändert');
  await page.reload();
  await expect(page.getByText('Nur Änderungen zu: Volkshochschule')).toBeVisible();
  await expect(rows).toHaveCount(20);
  await page.getByRole('button', { name: 'Filter aufheben' }).click();
  await expect(page).not.toHaveURL(/organisation=/);
  await expect(page.getByLabel('Organisation suchen')).toBeVisible();

  // Between the three pages of the office.
  await page.getByRole('link', { name: 'Zugangsschlüssel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zugangsschlüssel');
});

test('the coordination office issues a key, shown once, and revokes it', async ({ page, playwright, baseURL }) => {
  await signIn(page, issueKey('COORDINATOR'));
  await page.goto('/koordination/zugaenge');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zugangsschlüssel');
  await expectAccessible(page);
  const name = 'Jugendamt – Website-Redaktion (E2E)';
  await page.getByLabel('Bezeichnung').fill(name);
  // A partner key without an organisation: said at the field.
  await page.getByRole('button', { name: 'Schlüssel ausgeben' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Es wurde kein Schlüssel ausgegeben' })).toBeFocused();
  await expect(page.locator('#token-organisations-error')).toBeVisible();
  await expect(page.getByLabel('Organisation suchen')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Organisation suchen').fill('Jugendammt');
  await page.getByRole('button', { name: 'Jugendamt auswählen' }).click();
  await expect(page.getByRole('button', { name: 'Jugendamt entfernen' })).toBeVisible();
  await page.getByLabel('Gültig für (Tage)').fill('30');
  await page.getByRole('button', { name: 'Schlüssel ausgeben' }).click();
  const heading = page.getByRole('heading', { name: `Neuer Schlüssel „${name}“` });
  await expect(heading).toBeFocused();
  await expect(page.getByText('Dieser Schlüssel wird nur jetzt angezeigt und ist später nicht mehr abrufbar.')).toBeVisible();
  const secret = await page.getByLabel('Zugangsschlüssel', { exact: true }).inputValue();
  expect(secret).toMatch(/^igt_/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Schlüssel kopieren' }).click();
  await expect(page.getByText('In die Zwischenablage kopiert.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectAccessible(page);

  // The key works: a session for it.
  const partner = await playwright.request.newContext({ baseURL });
  expect((await partner.post('/auth/session', { data: { key: secret } })).status()).toBe(201);
  expect((await gql(partner, '{ viewer { name role organisations { slug } } }')).data.viewer).toEqual({ name, role: 'PARTNER_EDITOR', organisations: [{ slug: 'jugendamt' }] });

  // Listed, and then not shown again.
  const row = page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
  await expect(row).toContainText('aktiv');
  await expect(row).toContainText('Jugendamt');
  await page.getByRole('button', { name: 'Ich habe den Schlüssel gesichert – ausblenden' }).click();
  await expect(page.getByLabel('Zugangsschlüssel', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Neuen Schlüssel ausgeben' })).toBeFocused();
  expect(await page.content()).not.toContain(secret);

  // Revoked, after confirming.
  await row.getByRole('button', { name: `Schlüssel „${name}“ widerrufen` }).click();
  const dialog = page.getByRole('dialog', { name: 'Schlüssel widerrufen?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await expectAccessible(page);
  // Cancel keeps it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('aktiv');
  await row.getByRole('button', { name: `Schlüssel „${name}“ widerrufen` }).click();
  await dialog.getByRole('button', { name: 'Ja, widerrufen' }).click();
  const revoked = page.getByRole('status').filter({ hasText: `Der Schlüssel „${name}“ ist widerrufen.` });
  await expect(revoked).toBeFocused();
  await expect(row).toContainText('widerrufen am');
  await expect(row.getByRole('button')).toHaveCount(0);

  // The key and its session stop working.
  expect((await gql(partner, '{ viewer { name } }')).data.viewer).toBeNull();
  expect((await partner.post('/auth/session', { data: { key: secret } })).status()).toBe(401);
  await partner.dispose();
});

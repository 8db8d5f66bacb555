import { type APIRequestContext, expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectAccessible, issueKey, signIn } from './support';

/**
 * The coordination office sets up webhooks: a private target is refused at the field, a
 * public one is created with its signing secret shown once, listed with its deliveries, and
 * deleted after confirming. A receiver that fails: its delivery is parked as failed, with the
 * answer's status and the error, and sent again on request. (web/e2e/server.mjs lets the
 * server send to 127.0.0.2, where the receiver listens, and give up after 3 seconds.)
 */

/** Asks the API directly, with the cookies (the session) of the given request context. */
async function gql<T = any>(request: APIRequestContext, query: string, variables?: Record<string, unknown>): Promise<{ data: T }> {
  const response = await request.post('/graphql', { data: { query, variables } });
  return response.json();
}

test('the coordination office creates a webhook, its secret shown once, and deletes it', async ({ page }) => {
  await signIn(page, issueKey('COORDINATOR'));
  await page.goto('/koordination/zugaenge');
  await page.getByRole('navigation', { name: 'Bereiche der Koordination' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page).toHaveURL(/\/koordination\/webhooks$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks');
  await expect(page.getByText('X-Signature')).toBeVisible();
  await expect(page.getByText('24 Stunden')).toBeVisible();
  await expectAccessible(page);

  // Nothing entered: said at the field.
  const url = page.getByLabel('Adresse (URL)');
  await page.getByRole('button', { name: 'Webhook anlegen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Es wurde kein Webhook angelegt' })).toBeFocused();
  await expect(page.locator('#webhook-url-error')).toHaveText('Bitte ausfüllen.');

  // A private (loopback) target is refused: PRIVATE_TARGET, at the URL field.
  await url.fill('http://127.0.0.1:9/x');
  await page.getByRole('button', { name: 'Webhook anlegen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Es wurde kein Webhook angelegt' });
  await expect(summary).toBeFocused();
  await expect(page.locator('#webhook-url-error')).toContainText('Diese Adresse wird abgelehnt');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAttribute('aria-describedby', /webhook-url-error/);
  await expectAccessible(page);
  // The summary's link leads to the field.
  await summary.getByRole('link', { name: /^Adresse \(URL\):/ }).click();
  await expect(url).toBeFocused();

  // A public target: created, its secret shown once.
  const target = 'https://93.184.215.14/hooks';
  await url.fill(target);
  await page.getByLabel('Wofür (freiwillig)').fill('Website der Stadt (E2E)');
  await page.getByLabel('Organisationen').check();
  await page.getByLabel('Mitgliedschaften in Fachforen').check();
  await page.getByRole('button', { name: 'Webhook anlegen' }).click();
  const heading = page.getByRole('heading', { name: `Signaturgeheimnis für ${target}` });
  await expect(heading).toBeFocused();
  await expect(page.getByText('Dieses Geheimnis wird nur jetzt angezeigt und ist später nicht mehr abrufbar.')).toBeVisible();
  const secret = await page.getByLabel('Signaturgeheimnis', { exact: true }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Geheimnis kopieren' }).click();
  await expect(page.getByText('In die Zwischenablage kopiert.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  // The form is empty again.
  await expect(url).toHaveValue('');
  await expect(url).not.toHaveAttribute('aria-invalid');
  await expectAccessible(page);

  // Listed, with its kinds of change and (no) deliveries, the failed ones shown first.
  const item = page.locator('ul.pt-webhooks > li', { has: page.getByRole('heading', { level: 3, name: target }) });
  await expect(item).toContainText('Website der Stadt (E2E)');
  await expect(item).toContainText('Erhält: Organisationen, Mitgliedschaften in Fachforen');
  await expect(item.getByLabel('Anzeigen')).toHaveValue('FAILED');
  await expect(item.getByText('Keine Zustellungen in diesem Status.')).toBeVisible();
  await expect(item.getByRole('list', { name: 'Anzahl nach Status' })).toContainText('fehlgeschlagen 0');
  await item.getByLabel('Anzeigen').selectOption('ALL');
  await expect(item.getByText('Keine Zustellungen in diesem Status.')).toBeVisible();

  // Hidden: not shown again.
  await page.getByRole('button', { name: 'Ich habe das Geheimnis gesichert – ausblenden' }).click();
  await expect(page.getByLabel('Signaturgeheimnis', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Neuen Webhook anlegen' })).toBeFocused();
  await page.reload();
  await expect(item).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // A new secret, after confirming: shown once again, another one.
  await item.getByRole('button', { name: `Neues Geheimnis für ${target}` }).click();
  const renew = page.getByRole('dialog', { name: 'Neues Geheimnis erzeugen?' });
  await expect(renew.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await renew.getByRole('button', { name: 'Ja, neues Geheimnis' }).click();
  await expect(heading).toBeFocused();
  const renewed = await page.getByLabel('Signaturgeheimnis', { exact: true }).inputValue();
  expect(renewed).toMatch(/^whsec_/);
  expect(renewed).not.toBe(secret);
  await page.getByRole('button', { name: 'Ich habe das Geheimnis gesichert – ausblenden' }).click();

  // Deleted, after confirming; Escape keeps it.
  await item.getByRole('button', { name: `Webhook ${target} löschen` }).click();
  const dialog = page.getByRole('dialog', { name: 'Webhook löschen?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: `Webhook ${target} löschen` }).click();
  await dialog.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Der Webhook ${target} ist gelöscht.` })).toBeFocused();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /^Eingerichtete Webhooks/ })).toBeVisible();
  await expect(item).toHaveCount(0);
});

test('a failed delivery shows the answer and the error, and is sent again', async ({ page }) => {
  test.setTimeout(60_000);
  // The receiver: fails with 500 until told otherwise; keeps what it got.
  let status = 500;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 500 ? 'receiver down (E2E)' : '');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.2', resolve));
  const target = `http://127.0.0.2:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await signIn(page, issueKey('COORDINATOR'));
    await page.goto('/koordination/webhooks');
    await page.getByLabel('Adresse (URL)').fill(target);
    await page.getByLabel('Organisationen').check();
    await page.getByRole('button', { name: 'Webhook anlegen' }).click();
    const secret = await page.getByLabel('Signaturgeheimnis', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Ich habe das Geheimnis gesichert – ausblenden' }).click();

    // A change of an organisation: queued for the webhook, refused by the receiver until parked.
    const { data } = await gql(page.request, '{ organisation(slug: "vhs") { id version } }');
    await gql(page.request, 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { field } } }', {
      input: { id: data.organisation.id, expectedVersion: data.organisation.version, patch: { phone: '+49 6441 4711' } },
    });
    const item = page.locator('ul.pt-webhooks > li', { has: page.getByRole('heading', { level: 3, name: target }) });
    const row = item.getByRole('row', { name: /Eintrag geändert: Volkshochschule/ });
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(item.getByLabel('Anzeigen')).toHaveValue('FAILED');
    await expect(row).toContainText('fehlgeschlagen');
    await expect(row).toContainText('HTTP 500');
    await expect(row).toContainText('receiver down (E2E)');
    await expect(item.getByRole('list', { name: 'Anzahl nach Status' })).toContainText('fehlgeschlagen 1');
    expect(received.length).toBeGreaterThan(1);
    await expectAccessible(page);

    // Signed with the secret shown once.
    const { headers, body } = received[0];
    const { t, v1 } = Object.fromEntries(String(headers['x-signature']).split(',').map((part) => part.split('=')));
    expect(v1).toBe(crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));

    // The receiver is back: sent again, and delivered.
    status = 204;
    await row.getByRole('button', { name: 'Zustellung „Eintrag geändert: Volkshochschule“ erneut senden' }).click();
    await expect(item.getByRole('status').filter({ hasText: '„Eintrag geändert: Volkshochschule“ wird erneut gesendet.' })).toBeFocused();
    await expect(async () => {
      await page.reload();
      await expect(item.getByRole('list', { name: 'Anzahl nach Status' })).toContainText('zugestellt 1', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(item.getByText('Keine Zustellungen in diesem Status.')).toBeVisible();
    await item.getByLabel('Anzeigen').selectOption('DELIVERED');
    await expect(row).toContainText('zugestellt am');

    await item.getByRole('button', { name: `Webhook ${target} löschen` }).click();
    await page.getByRole('dialog', { name: 'Webhook löschen?' }).getByRole('button', { name: 'Ja, löschen' }).click();
    await expect(item).toHaveCount(0);
  } finally {
    receiver.close();
  }
});

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Issues an access key as the coordination office does, with `npm run token` (its built
 * form) against the server's own embedded database; returns the secret.
 */
export function issueKey(role: 'COORDINATOR' | 'PARTNER_EDITOR', organisation?: string): string {
  const port = process.env.E2E_PORT ?? '4317';
  const { dataDir, pgPort } = JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'e2e', `.server-${port}.json`), 'utf8'));
  const args = ['create', '--role', role, '--name', `E2E ${role}${organisation ? ` ${organisation}` : ''}`, ...(organisation ? ['--organisation', organisation] : [])];
  const out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'modules', 'auth', 'token-cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return out.trim().split('\n').pop()!.trim();
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

/** Signs in through the page, as a partner would. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/anmelden');
  await expectAccessible(page);
  await page.getByLabel('Zugangsschlüssel').fill(key);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('status')).toContainText('Angemeldet als');
}

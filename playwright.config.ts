import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the web app in a real Chromium (Debian's `chromium`: Playwright cannot
 * download its own browsers here) against the real server on an embedded PostgreSQL with the
 * Wetzlar data, started by web/e2e/server.mjs. Needs a build (`npm test` builds first).
 */
const port = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'web/e2e',
  // One server and one browser on a 2-core machine: one test at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'de-DE',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node web/e2e/server.mjs',
    url: `http://127.0.0.1:${port}/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});

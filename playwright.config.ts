import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';

/**
 * End-to-end tests drive a system Chromium (Playwright's own browser download is not available
 * offline) against the browser host, which runs the real engine.
 */
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  // Limits catch hangs, not slowness: CI shares 2 cores, and a second test run may share them too.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});

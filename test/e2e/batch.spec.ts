import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RunSchema } from '../../shared/run/schema';
import { caseFolders, casesFile, cliSync, SMALL } from '../helpers/batch';
import { tempDataDir } from '../helpers/engine';
import { expect, test } from './host';

test.describe.configure({ timeout: 300_000 });

test('the batch report opens offline in Chromium: every image loads, no console errors', async ({ page }) => {
  const out = join(mkdtempSync(join(tmpdir(), 'ps-report-')), 'out');
  const cases = casesFile(3, [{ id: 'missing-image', image: '/no/such/file.png', prompt: 'A ball falls' }]);
  const made = cliSync(['batch', cases, '--out', out, ...SMALL, '--data-dir', tempDataDir()]);
  expect(made.stdout).toMatch(/3 of 4 cases made, 1 failed/);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url().slice(0, 80)}`));
  // Offline: nothing may be fetched from the network.
  await page.route(/^https?:/, (route) => {
    problems.push(`network: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(join(out, 'report.html')).href);
  await expect(page.locator('h2', { hasText: 'By motion class' })).toBeVisible();
  await expect(page.locator('section.case')).toHaveCount(4);
  await expect(page.locator('section.case--error')).toContainText('missing-image');
  const images = await page.locator('img').evaluateAll((els) => (els as HTMLImageElement[]).map((i) => ({ ok: i.complete && i.naturalWidth > 0, alt: i.alt })));
  // Two contact sheets per made case, every one decoded.
  expect(images).toHaveLength(6);
  expect(images.filter((i) => !i.ok)).toEqual([]);
  // The clip links point at files that exist beside the report.
  const links = await page.locator('a[href$=".mp4"]').evaluateAll((els) => (els as HTMLAnchorElement[]).map((a) => a.getAttribute('href') ?? ''));
  expect(links).toHaveLength(6);
  for (const href of links) expect(() => readFileSync(join(out, decodeURIComponent(href)))).not.toThrow();
  expect(problems).toEqual([]);
});

test('judging view: one pair at a time by keyboard, the next preloaded; a batch is one grid in History', async ({ page, host }) => {
  const out = join(mkdtempSync(join(tmpdir(), 'ps-judge-')), 'out');
  const made = cliSync(['batch', casesFile(3), '--out', out, ...SMALL, '--data-dir', host.dataDir]);
  expect(made.status, made.stderr).toBe(0);
  const ids = caseFolders(out).sort();
  const runOf = (caseId: string) => JSON.parse(readFileSync(join(out, 'cases', caseId, 'case.json'), 'utf8')).runId as string;
  const preference = (caseId: string) =>
    RunSchema.parse(JSON.parse(readFileSync(join(host.dataDir, 'library', 'runs', runOf(caseId), 'run.json'), 'utf8'))).preference;

  await page.goto(host.url);
  // History shows the batch as one entry, which opens its grid.
  await page.getByTestId('history-batch').click();
  await expect(page.getByTestId('batch-grid').locator('li')).toHaveCount(3);

  await page.getByRole('tab', { name: 'Judge pairs' }).click();
  const status = page.getByTestId('judge-status');
  await expect(status).toHaveText('Pair 1 of 3 · 0 judged');
  await expect(page.getByTestId('judge-baseline').locator('img.judge__sheet')).toBeVisible();
  // The next pair's clips are already loading behind this one.
  await expect(page.locator('[data-testid=judge] [hidden] video')).toHaveCount(2);
  await page.keyboard.press('p');
  await expect(status).toHaveText('Pair 2 of 3 · 1 judged');
  await page.keyboard.press('b');
  await expect(status).toHaveText('Pair 3 of 3 · 2 judged');
  await page.keyboard.press('s');
  await expect(status).toHaveText('All 3 pairs seen · 2 judged');
  await page.keyboard.press('Backspace');
  await expect(status).toHaveText('Pair 3 of 3 · 2 judged');
  await page.keyboard.press('t');
  await expect(status).toHaveText('All 3 pairs seen · 3 judged');
  expect(ids.map(preference)).toEqual(['physics', 'baseline', 'tie']);

  // Reopened, it starts at the first pair nobody judged: none left.
  await page.keyboard.press('Escape');
  await page.getByTestId('open-batches').click();
  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByTestId('report-case')).toHaveCount(3);
  await page.getByRole('tab', { name: 'Judge pairs' }).click();
  await expect(status).toHaveText('All 3 pairs seen · 3 judged');
});

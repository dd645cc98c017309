import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { generateClips, openApp, openSample, smallClips } from './app';
import { expect, test } from './host';

// Evaluated through the DevTools protocol, so the app's strict CSP (no inline scripts) stays on.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core in the page (injected by Playwright) and returns the serious and critical violations. */
async function scan(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('every panel passes an axe-core scan with no serious or critical violations; dialogs keep focus', async ({ page, host }) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  const found: string[] = [];
  found.push(...(await scan(page, 'first launch')));

  await smallClips(page, { size: null });
  await openSample(page);
  found.push(...(await scan(page, 'scene view, Scene tab')));
  await generateClips(page);
  found.push(...(await scan(page, 'clips, side by side')));
  for (const mode of ['Wipe', 'Ghost']) {
    await page.getByRole('button', { name: mode, exact: true }).click();
    found.push(...(await scan(page, `clips, ${mode}`)));
  }
  await page.getByTestId('onion-toggle').check();
  await page.getByTestId('export-menu').click();
  found.push(...(await scan(page, 'export menu, onion skins')));
  await page.getByTestId('export-menu').click();
  for (const tab of ['Prompt', 'Render', 'Metrics', 'Scene']) {
    await page.getByRole('tab', { name: tab }).click();
    found.push(...(await scan(page, `${tab} tab`)));
  }
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('tier-render').click();
  found.push(...(await scan(page, 'Render tab, render tier')));
  await page.getByTestId('tier-preview').click();

  for (const [open, dialog] of [
    ['open-system', 'system-panel'],
    ['open-models', 'models-manager'],
  ] as const) {
    await page.getByTestId(open).click();
    const el = page.getByTestId(dialog);
    await expect(el).toBeVisible();
    await page.waitForTimeout(300);
    found.push(...(await scan(page, dialog)));
    // A modal dialog keeps focus: tabbing never reaches the page behind it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(
          (id) => !document.activeElement || document.activeElement === document.body || !!document.activeElement.closest(`[data-testid="${id}"]`),
          dialog,
        ),
      ).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(el).toHaveCount(0);
  }
  expect(found).toEqual([]);
});

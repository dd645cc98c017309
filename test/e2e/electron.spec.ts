import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ROOT, tempDataDir } from '../helpers/engine';

/** The Electron binary is downloaded on first launch; on an offline machine it is simply absent. */
function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON = 'No Electron runtime on this machine (node_modules/electron/dist is missing; it downloads on the first `npm start` with network).';
if (binary === null) console.log(`electron launch test skipped: ${SKIP_REASON}`);

test('the desktop app launches, and its System panel is filled by the utility-process engine', async () => {
  test.skip(binary === null, SKIP_REASON);
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [join(ROOT, 'dist', 'main', 'index.cjs'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, PHYSSTUDIO_DATA_DIR: tempDataDir() },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('engine-state')).toHaveText('Engine ready');
    const isolated = await window.evaluate(
      () => typeof (globalThis as { require?: unknown }).require === 'undefined' && typeof (globalThis as { process?: unknown }).process === 'undefined',
    );
    expect(isolated).toBe(true);
    await window.keyboard.press('F1');
    await expect(window.getByTestId('provider-cpu')).toHaveAttribute('data-available', 'true');
    await expect(window.getByTestId('engine-pid')).toContainText('electron-utility');
  } finally {
    await app.close();
  }
});

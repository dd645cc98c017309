import { sparsePack } from '../helpers/sparse-pack';
import { enginePid, expect, startBrowserHost, stopBrowserHost, test } from './host';

test('killing the engine during a job shows the error in the UI, and the next request succeeds', async ({ page }) => {
  const pack = sparsePack(4 * 1024 ** 3);
  const host = await startBrowserHost({ modelFolders: [pack.modelsDir] });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
    await page.getByTestId('open-system').click();
    const packRow = page.getByTestId(`pack-${pack.id}`);
    await expect(packRow).toContainText('unverified');

    await packRow.getByRole('button', { name: 'Verify' }).click();
    const job = page.getByTestId('job').first();
    await expect(job).toHaveAttribute('data-state', 'running');
    await expect(job).toContainText('hashing');

    const firstPid = await enginePid(host);
    process.kill(firstPid, 'SIGKILL');

    await expect(job).toHaveAttribute('data-state', 'failed');
    await expect(job).toContainText('The engine stopped unexpectedly (killed by SIGKILL) while running models.verify');
    await expect(page.getByTestId('notice-error').filter({ hasText: 'The engine stopped' }).first()).toBeVisible();
    await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');

    // The next request is served by a fresh engine.
    await page.getByRole('button', { name: 'Refresh' }).click();
    const secondPid = await enginePid(host);
    expect(secondPid).not.toBe(firstPid);
    await expect(page.getByTestId('engine-pid')).toContainText(`pid ${secondPid}`);
  } finally {
    await stopBrowserHost(host);
  }
});

test('a running job can be cancelled from the queue', async ({ page }) => {
  const pack = sparsePack(4 * 1024 ** 3);
  const host = await startBrowserHost({ modelFolders: [pack.modelsDir] });
  try {
    await page.goto(host.url);
    await page.getByTestId('open-system').click();
    await page.getByTestId(`pack-${pack.id}`).getByRole('button', { name: 'Verify' }).click();
    await page.keyboard.press('Escape');
    const job = page.getByTestId('job').first();
    await expect(job).toContainText('hashing');
    await job.getByRole('button', { name: 'Cancel' }).click();
    await expect(job).toHaveAttribute('data-state', 'cancelled');
  } finally {
    await stopBrowserHost(host);
  }
});

test('after a crash loop the status bar offers Restart engine, which brings the engine back', async ({ page }) => {
  // Six engine starts in a row: seconds on a quiet machine, over a minute on a loaded one.
  test.setTimeout(300_000);
  const host = await startBrowserHost();
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
    const ping = () =>
      fetch(`${host.origin}/api/invoke/system.ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-physstudio-token': host.token },
        body: '{}',
      }).then(async (r) => ({ status: r.status, pid: ((await r.json()) as { value?: { pid: number } }).value?.pid }));
    // Kill the engine each time it is back, until the host pauses restarts (503).
    for (let kills = 0; kills < 8; kills++) {
      const before = await ping();
      if (before.status === 503) break;
      if (before.pid) process.kill(before.pid, 'SIGKILL');
      await expect
        .poll(async () => {
          const now = await ping();
          return now.status === 503 || (now.status === 200 && now.pid !== before.pid);
        })
        .toBe(true);
    }
    await expect(page.getByTestId('engine-state')).toHaveText('Engine stopped');
    await expect(page.getByTestId('notice-error').filter({ hasText: 'The engine is stopped' }).first()).toBeVisible();
    await page.getByTestId('restart-engine').click();
    await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
    await expect(page.getByTestId('restart-engine')).toHaveCount(0);
    expect((await ping()).status).toBe(200);
  } finally {
    await stopBrowserHost(host);
  }
});

// `npm start`: build, then run the desktop app. When the Electron runtime cannot be had (it is
// downloaded on first launch, so an offline first run has none) or there is no display, say so
// in one line and serve the same app through the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 180_000;

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...options });
}

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

/** Returns the Electron binary, downloading it once if needed; or the reason it is unavailable. */
function obtainElectron() {
  if (process.env.PHYSSTUDIO_BROWSER === '1') return { reason: 'PHYSSTUDIO_BROWSER=1 is set' };
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const existing = electronBinary();
  if (existing) return noDisplay ? { reason: 'no display is available' } : { binary: existing };
  if (!existsSync(join(electronDir, 'install.js'))) return { reason: 'the electron package is not installed (run npm install)' };
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  process.stdout.write(`Downloading the Electron ${version} runtime (first run only)…\n`);
  const result = run(process.execPath, [join(electronDir, 'install.js')], { timeout: DOWNLOAD_TIMEOUT_MS });
  const binary = electronBinary();
  if (binary) return noDisplay ? { reason: 'no display is available' } : { binary };
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const cause =
    result.error?.code === 'ETIMEDOUT'
      ? 'the download timed out'
      : /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|network/i.test(output)
        ? 'offline'
        : 'the download failed';
  return { reason: `the Electron ${version} runtime could not be downloaded (${cause})` };
}

const build = run(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('npm start: the build failed (see above).\n');
  process.exit(1);
}

const electron = obtainElectron();
let child;
if (electron.binary) {
  // Chromium refuses to run as root with its sandbox; the renderer stays sandboxed by Electron's own settings.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  child = spawn(electron.binary, [...rootArgs, join(root, 'dist', 'main', 'index.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
} else {
  process.stdout.write(`Electron is not available here: ${electron.reason}. Starting the browser host instead.\n`);
  child = spawn(process.execPath, [join(root, 'dist', 'web', 'server.cjs'), '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../../shared/contract';
import { RESOURCES, ROOT, requireBuild, tempDataDir } from '../helpers/engine';

const BIN = join(ROOT, 'bin', 'physstudio.cjs');
const PACKS = 400;

/** A model folder with a long path and many small packs, so `doctor --json` prints well over 1 MB. */
function manyPacks(): string {
  let dir = mkdtempSync(join(tmpdir(), 'ps-many-'));
  // Long folder names make every pack's summary large without large files.
  for (let i = 0; i < 12; i++) dir = join(dir, `${'deep-folder-name-'.repeat(14)}${i}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < PACKS; i++) {
    const id = `pack-${String(i).padStart(4, '0')}`;
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, 'weights.bin'), 'x');
    const manifest = {
      formatVersion: 1,
      id,
      name: `Pack ${i}`,
      version: '1.0.0',
      license: 'CC0-1.0',
      kind: 'segmenter',
      files: [{ path: 'weights.bin', sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', size: 1 }],
    };
    writeFileSync(join(dir, id, 'manifest.json'), JSON.stringify(manifest));
  }
  return dir;
}

/**
 * Reads a child's stdout the way a slow consumer does: nothing for the first seconds (so the CLI
 * fills its pipe and finishes writing while nobody reads), then one chunk at a time with a pause
 * after each. A CLI that exits before its pipe drains loses what the pipe could not hold.
 */
function readSlowly(args: string[], quietMs = 4_000): Promise<{ stdout: string; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    let code: number | null = null;
    let ended = false;
    const finish = () => {
      if (ended && code !== null) resolve({ stdout: Buffer.concat(chunks).toString('utf8'), code, stderr });
    };
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 2);
      });
      child.stdout.resume();
    }, quietMs);
    child.on('exit', (c) => {
      code = c ?? -1;
      finish();
    });
    child.stdout.on('end', () => {
      ended = true;
      finish();
    });
    child.on('error', reject);
  });
}

describe('attack: CLI', () => {
  requireBuild();

  it('prints a JSON document over 1 MB completely when stdout is a slow pipe', async () => {
    const dataDir = tempDataDir({ modelFolders: [manyPacks()] });
    const result = await readSlowly(['doctor', '--json', '--data-dir', dataDir]);
    expect(result.stdout.length, result.stderr).toBeGreaterThan(1024 * 1024);
    const report = DoctorReportSchema.parse(JSON.parse(result.stdout));
    expect(report.packs.filter((p) => p.id.startsWith('pack-'))).toHaveLength(PACKS);
    expect(result.code).toBe(0);
  });

  it('refuses --out inside /proc, /sys or /dev at once, on one line', () => {
    for (const out of ['/proc/self/x', '/sys/x', '/dev/x/y']) {
      const result = spawnSync(
        process.execPath,
        [
          BIN,
          'generate',
          '--image',
          join(RESOURCES, 'samples', 'ball-off-table.png'),
          '--prompt',
          'a ball',
          '--out',
          out,
          '--size',
          '64',
          '--seconds',
          '1',
          '--data-dir',
          tempDataDir(),
        ],
        { encoding: 'utf8', timeout: 45_000 },
      );
      expect([out, result.signal, result.status]).toEqual([out, null, 1]);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/may not be inside \/(proc|sys|dev)/);
    }
  });

  it('the browser host prints help for --help instead of starting', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'web', 'server.cjs'), '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect([result.signal, result.status]).toEqual([null, 0]);
    expect(result.stdout).toMatch(/^Usage: node dist\/web\/server\.cjs/);
    expect(result.stdout).not.toMatch(/running at/);
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAWN_IMAGE_NAME } from '../../shared/contract';
import { isDrawnInput } from '../../shared/run/drawn-input';
import { exportFileName } from '../../shared/run/export-name';
import { RunSchema } from '../../shared/run/schema';
import { RESOURCES, ROOT, requireBuild, tempDataDir } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';

const BIN = join(ROOT, 'bin', 'physstudio.cjs');
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
const SAMPLE = join(RESOURCES, 'samples', 'ball-hits-bottle.png');
const PROMPT = 'A tennis ball is thrown at the glass bottle and knocks it over';
const SMALL = ['--seconds', '1.5', '--fps', '12', '--size', '192', '--seed', '11'];

describe('physstudio generate', () => {
  requireBuild();

  it.skipIf(!HAS_FFPROBE)('--json writes both clips, the composite and the sidecar, and prints the Run', () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-gen-'));
    const result = cli(['generate', '--image', SAMPLE, '--prompt', PROMPT, '--out', out, ...SMALL, '--json', '--data-dir', tempDataDir()]);
    // Only notes may reach stderr on success; stdout is the one JSON document.
    expect(result.stderr.split('\n').filter((l) => l && !l.startsWith('physstudio: note: '))).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.settings).toMatchObject({ seconds: 1.5, fps: 12, size: 192, seed: 11 });
    expect(run.input.drawn).toBe(false);
    const files = readdirSync(out).sort();
    // Names say what each file is: the prompt's words, the seed and the stream.
    expect(files).toEqual([
      'a-tennis-ball-is-thrown-at-the-glass-seed11-baseline.mp4',
      'a-tennis-ball-is-thrown-at-the-glass-seed11-composite.mp4',
      'a-tennis-ball-is-thrown-at-the-glass-seed11-physics.mp4',
      'a-tennis-ball-is-thrown-at-the-glass-seed11-run.sidecar.json',
    ]);
    for (const which of ['baseline', 'physics'] as const) {
      expect(probeVideo(join(out, exportFileName(run, which, 'mp4')))).toMatchObject({ codec: 'h264', frames: 19, width: run.clips[which].size.width });
      // The encoded clip replaced the raw frames in the library.
      expect(run.clips[which].media.mp4).toBeDefined();
      expect(run.clips[which].media.frames).toBeUndefined();
    }
    expect(probeVideo(join(out, exportFileName(run, 'composite', 'mp4'))).width).toBe(2 * run.clips.physics.size.width + 8);
  });

  it('with a prompt and no image, draws the scene from the prompt and generates from it, saying so', () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-gen-drawn-'));
    const result = cli(['generate', '--prompt', 'A red ball rolls off the table', '--out', out, ...SMALL, '--json', '--data-dir', tempDataDir()], {
      PHYSSTUDIO_FFMPEG: '/nonexistent/ffmpeg',
    });
    expect(result.status).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.input.image).toMatch(/inputs\/[0-9a-f]+\.png$/);
    // Recorded as drawn, so the app labels the picture as drawn when the run is opened.
    expect(run.input.drawn).toBe(true);
    expect(run.input.name).toBe(DRAWN_IMAGE_NAME);
    expect(run.scene.objects.some((o) => o.label === 'ball')).toBe(true);
    expect(run.clips.physics.tracks.map((t) => t.id)).toEqual(['o1']);
    expect(result.stderr).toMatch(/drawn from the prompt/);
  });

  it('records a photo of the user’s that happens to have the drawn picture’s name as a photo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-gen-named-'));
    const photo = join(dir, DRAWN_IMAGE_NAME);
    copyFileSync(SAMPLE, photo);
    const result = cli(['generate', '--image', photo, '--prompt', PROMPT, '--out', join(dir, 'out'), ...SMALL, '--json', '--data-dir', tempDataDir()], {
      PHYSSTUDIO_FFMPEG: '/nonexistent/ffmpeg',
    });
    expect(result.status).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.input).toMatchObject({ name: DRAWN_IMAGE_NAME, drawn: false });
    expect(isDrawnInput(run.input)).toBe(false);
  });

  it('falls back to PNG frames with a clear message when no video encoder is available', () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-gen-png-'));
    const result = cli(['generate', '--image', SAMPLE, '--prompt', PROMPT, '--out', out, ...SMALL, '--data-dir', tempDataDir()], {
      PHYSSTUDIO_FFMPEG: '/nonexistent/ffmpeg',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ffmpeg was not found.*PNG frames instead/);
    const folders = readdirSync(out).filter((f) => f.endsWith('-png'));
    expect(folders).toHaveLength(3);
    for (const f of folders) expect(readdirSync(join(out, f))).toHaveLength(19);
    expect(readdirSync(out).some((f) => f.endsWith('.sidecar.json'))).toBe(true);
  });

  it('with --json, keeps stdout to the Run and prints notices to stderr as notes', () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-gen-json-png-'));
    const result = cli(['generate', '--image', SAMPLE, '--prompt', PROMPT, '--out', out, ...SMALL, '--json', '--data-dir', tempDataDir()], {
      PHYSSTUDIO_FFMPEG: '/nonexistent/ffmpeg',
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(RunSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
    const lines = result.stderr.trim().split('\n');
    expect(lines.every((l) => l.startsWith('physstudio: note: '))).toBe(true);
    expect(lines.some((l) => /ffmpeg was not found.*PNG frames instead/.test(l))).toBe(true);
  });

  it('needs an image or a prompt, and an output folder, and says which is missing', () => {
    const noImage = cli(['generate', '--out', '/tmp/x']);
    expect(noImage.status).toBe(2);
    expect(noImage.stderr).toMatch(/needs --image <file>, --prompt/);
    const missing = cli([
      'generate',
      '--image',
      join(tmpdir(), 'no-such.png'),
      '--prompt',
      PROMPT,
      '--out',
      mkdtempSync(join(tmpdir(), 'ps-x-')),
      '--data-dir',
      tempDataDir(),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/No image file/);
    const badFps = cli(['generate', '--image', SAMPLE, '--out', '/tmp/x', '--fps', 'fast']);
    expect(badFps.status).toBe(2);
    expect(existsSync('/tmp/x/fast')).toBe(false);
  });
});

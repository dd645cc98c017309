import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppError, DRAWN_IMAGE_NAME, type PhysStudioApi } from '../../../shared/contract';
import { clipScore } from '../../../shared/run/clip-score';
import { type RenderSettings, renderDefaults } from '../../../shared/run/render';
import type { GenerateSettings, Run } from '../../../shared/run/schema';
import { DEFAULT_SETTINGS } from '../../../shared/run/schema';
import { assertUsablePath } from '../../common/path-policy';

export interface GenerateArgs {
  /** Null: no picture, so the scene is drawn from the prompt. */
  image: string | null;
  prompt: string;
  out: string;
  settings: Partial<GenerateSettings>;
  /** For the render tier: the pack and any settings given on the command line (the pack's defaults fill the rest). */
  render?: Partial<RenderSettings> & { packId: string };
  /** Progress lines for a person at a terminal (stderr); scripts get only the result and errors. */
  log: (line: string) => void;
  /** Refine the prompt for the physics clip (default); off, both clips get the prompt as typed. */
  refine?: boolean;
  /** The run's name in the library (a batch names its runs after the batch and the case). */
  name?: string;
  /** Also write the side-by-side composite (default). */
  composite?: boolean;
  jobId?: string;
}

export interface GenerateOutcome {
  run: Run;
  files: string[];
  notices: string[];
}

/**
 * `physstudio generate`: perceive, refine, generate both clips, then write them, the composite
 * and the sidecar to the output folder. Encoding uses the system's ffmpeg; without it the clips
 * are written as PNG sequences and the user is told how to get video.
 */
export async function generateFromCli(api: PhysStudioApi, args: GenerateArgs): Promise<GenerateOutcome> {
  const jobId = args.jobId ?? `cli_${process.pid}`;
  const out = resolve(args.out);
  // Checked before the work, not only when the engine writes: a bad --out should not cost a whole generation.
  await assertUsablePath(out, 'The output folder');
  let image: string;
  let perception: { scene: Run['scene']; notices: string[] };
  if (args.image === null) {
    args.log('Drawing the scene from the prompt…');
    const drawn = await api['scene.draw']({ prompt: args.prompt });
    image = drawn.path;
    perception = drawn;
  } else {
    image = resolve(args.image);
    args.log('Perceiving the scene…');
    perception = await api['scene.perceive']({ image, ...(args.prompt.trim() ? { prompt: args.prompt } : {}), jobId });
  }
  const refinement = args.prompt.trim() && args.refine !== false ? await api['prompt.refine']({ prompt: args.prompt, jobId }) : null;
  const settings = { ...DEFAULT_SETTINGS, ...args.settings };
  const drawn = args.image === null;
  const name = args.name ?? (drawn ? DRAWN_IMAGE_NAME : undefined);
  const inputs = { image, drawn, prompt: args.prompt, refinement, scene: perception.scene, settings, jobId, ...(name ? { name } : {}) };
  if (!args.render) args.log('Generating both clips…');
  const run = args.render ? await renderFromCli(api, { ...inputs, render: args.render, log: args.log }) : await api['preview.generate'](inputs);
  const files: string[] = [];
  const notices = [...perception.notices, ...run.notices];
  let format: 'mp4' | 'png' = 'mp4';
  for (const which of args.composite === false ? (['baseline', 'physics'] as const) : (['baseline', 'physics', 'composite'] as const)) {
    args.log(`Writing the ${which} ${format === 'mp4' ? 'video' : 'frames'}…`);
    try {
      const result = await api['runs.export']({ runId: run.id, format, which, dir: out, jobId });
      files.push(...result.files);
      // The encoded clip replaces the raw frames in the library.
      const file = result.files[0];
      if (format === 'mp4' && file) {
        await api['runs.storeMedia']({ runId: run.id, name: `${which}.mp4`, dataBase64: (await readFile(file)).toString('base64') });
      }
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'unsupported') || format === 'png') throw err;
      notices.push(`${err.message} Wrote PNG frames instead.`);
      format = 'png';
      const result = await api['runs.export']({ runId: run.id, format, which, dir: out, jobId });
      const folder = dirname(result.files[0] ?? out);
      files.push(folder);
      notices.push(`${folder}: ${result.files.length} PNG frames of the ${which} clip.`);
    }
  }
  const sidecar = await api['runs.export']({ runId: run.id, format: 'sidecar', which: 'physics', dir: out, jobId });
  files.push(...sidecar.files);
  return { run: await api['runs.get']({ id: run.id }), files: files.filter(Boolean), notices };
}

type RenderArgs = Omit<Parameters<PhysStudioApi['render.generate']>[0], 'render'> & {
  render: NonNullable<GenerateArgs['render']>;
  log: GenerateArgs['log'];
};

/** The render tier: the pack's defaults, then what the command line asked for; step progress on stderr. */
async function renderFromCli(api: PhysStudioApi, { render, log, ...rest }: RenderArgs): Promise<Run> {
  const pack = (await api['models.list']({})).find((p) => p.id === render.packId);
  if (!pack) throw new AppError('not_found', `No model pack with id "${render.packId}".`, 'physstudio doctor lists the installed packs.');
  if (!pack.video) throw new AppError('unsupported', `"${pack.name}" is a ${pack.kind} pack, not a video generator.`);
  const settings: RenderSettings = { ...renderDefaults(pack.id, pack.video), ...render };
  log(`Rendering both clips with ${pack.name} (${settings.steps} steps, ${settings.frames} frames)…`);
  const off = api.on('render.step', (s) => {
    if (s.jobId === rest.jobId) log(`  ${s.variant}: step ${s.step}/${s.steps}`);
  });
  try {
    return await api['render.generate']({ ...rest, render: settings });
  } finally {
    off();
  }
}

export function formatRun(run: Run, files: string[], notices: string[]): string {
  const lines = [
    `Run ${run.id} · ${run.clips.physics.size.width}×${run.clips.physics.size.height} · ${run.clips.physics.frames} frames at ${run.settings.fps} fps · seed ${run.settings.seed}`,
    ...(run.render
      ? [
          `Render tier: ${run.render.pack.name} ${run.render.pack.version} on ${run.render.provider} · ${run.render.stepMs} ms per step (${run.render.overheadPct}% outside onnxruntime)`,
        ]
      : ['Preview tier (built in)']),
    '',
  ];
  const column = (score: number | null) => (score === null ? '  –' : String(Math.round(score)).padStart(3));
  for (const clip of [run.clips.baseline, run.clips.physics]) {
    lines.push(`${clip.variant === 'baseline' ? 'Baseline (no physics conditioning)' : 'Physics-conditioned'}: score ${Math.round(clipScore(clip))}`);
    // The pixel evaluation's checks, as under the players; the path metrics only for runs made before it.
    const e = clip.evaluation;
    if (e) for (const c of e.checks) lines.push(`  ${column(c.applicable ? c.score * 100 : null)}  ${c.label}: ${c.reason}`);
    else
      for (const part of [clip.metrics.gravity, clip.metrics.interpenetration, clip.metrics.support, clip.metrics.energy])
        lines.push(`  ${column(part.score)}  ${part.summary}`);
    for (const line of clip.motion) lines.push(`  · ${line}`);
  }
  lines.push('', 'Files', ...files.map((f) => `  ${f}`));
  for (const n of notices) lines.push(`! ${n}`);
  lines.push(
    '',
    Object.entries(run.timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · '),
  );
  return lines.join('\n');
}

// `npm run soak` (not part of `npm test`): hostile input at volume through the real engine.
//   - 10,000 fuzzed prompts through prompt.refine;
//   - 1,000 mutated images through inputs.import (decode and checks), every 20th also perceived;
//   - passes when the engine never crashes, every request is answered within its limit, every
//     failure is a typed error other than `internal`, and the engine's RSS grows by under 10%
//     from after the warm-up to the end.
// SOAK_PROMPTS / SOAK_IMAGES / SOAK_SEED change the volume and the inputs (all derived from the seed).
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROMPTS = Number(process.env.SOAK_PROMPTS ?? 10_000);
const IMAGES = Number(process.env.SOAK_IMAGES ?? 1_000);
const SEED = Number(process.env.SOAK_SEED ?? 20_251_202);
const IN_FLIGHT = 4;
const LIMIT_MS = 120_000;
const enginePath = join(root, 'dist', 'engine', 'main.cjs');
if (!existsSync(enginePath)) {
  console.error('soak: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}

// A seeded generator, so a failure can be replayed with the same SOAK_SEED.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

// ── prompts ──────────────────────────────────────────────────────────────────────────────────
const WORDS = `a the ball glass vase cup water ice cube honey feather rock boat cat car block tower domino
rope flag candle fire smoke steam mirror prism laser balloon egg table floor ramp ice lake moon space
falls rolls slides bounces shatters melts boils freezes floats sinks pours splashes burns topples collides
crashes spins drips evaporates dissolves rusts glows reflects refracts slowly quickly onto into off across
over under through after then while because without gravity zero heavy light wet hot cold 4k cinematic`.split(/\s+/);
const ODD = [
  '\u0000',
  '\u202e',
  '\ufeff',
  '🏀',
  '🔥💧',
  'é',
  'ß',
  '中文',
  'ملعب',
  '"',
  "'",
  '\\',
  '{"a":1}',
  '<script>',
  '%s%n',
  '../../etc/passwd',
  '\r\n',
  '\t',
];

function fuzzPrompt(i) {
  const kind = i % 10;
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  if (kind === 0) return Array.from({ length: 1 + int(400) }, () => String.fromCodePoint(int(0x2ffff))).join('');
  if (kind === 1) return Array.from({ length: 1 + int(60) }, () => (random() < 0.3 ? pick(ODD) : pick(WORDS))).join(random() < 0.5 ? ' ' : '');
  if (kind === 2) return words(1 + int(3000)).slice(0, 20_000);
  if (kind === 3) return pick(['', ' ', '\n\n', '.', '!!!', '0', '-1e309']);
  return words(3 + int(60));
}

function promptRequest(i) {
  const payload = { prompt: fuzzPrompt(i), jobId: `soak_p${i}` };
  if (random() < 0.2) payload.target = pick(['clip-77', 't5-226', 'umt5-512', 'nope', '']);
  if (random() < 0.1) payload.seed = int(1_000_000);
  if (random() < 0.1) payload.alternatives = true;
  if (random() < 0.02) payload.extra = 'field';
  return ['prompt.refine', payload];
}

// ── images ───────────────────────────────────────────────────────────────────────────────────
async function baseImages() {
  const samples = readdirSync(join(root, 'resources', 'samples')).filter((f) => f.endsWith('.png'));
  const out = [];
  for (const f of samples) {
    const img = sharp(join(root, 'resources', 'samples', f)).resize(320);
    out.push(await img.clone().png().toBuffer(), await img.clone().jpeg({ quality: 80 }).toBuffer(), await img.clone().webp().toBuffer());
  }
  out.push(
    await sharp(join(root, 'resources', 'samples', samples[0]))
      .resize(64)
      .gif()
      .toBuffer(),
  );
  return out;
}

function mutate(bytes) {
  const b = Buffer.from(bytes);
  switch (int(8)) {
    case 0: // bit flips anywhere
      for (let n = 1 + int(20); n > 0; n--) b[int(b.length)] ^= 1 << int(8);
      return b;
    case 1: // truncated
      return b.subarray(0, int(b.length));
    case 2: // header bytes (dimensions, chunk lengths) replaced
      for (let n = 0; n < 8; n++) b[8 + int(Math.min(64, b.length - 8))] = int(256);
      return b;
    case 3: // a slice duplicated in the middle
      return Buffer.concat([b.subarray(0, b.length / 2), b.subarray(int(b.length / 2)), b.subarray(b.length / 2)]);
    case 4: // garbage appended
      return Buffer.concat([b, Buffer.from(Array.from({ length: int(4096) }, () => int(256)))]);
    case 5: // another format's magic on this body
      return Buffer.concat([pick([Buffer.from('GIF89a'), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('RIFF\0\0\0\0WEBP')]), b.subarray(8)]);
    case 6: // nothing, or almost nothing
      return b.subarray(0, int(16));
    default: // intact: the soak must keep serving good input too
      return b;
  }
}

// ── engine ───────────────────────────────────────────────────────────────────────────────────
const dataDir = mkdtempSync(join(tmpdir(), 'ps-soak-'));
const child = fork(enginePath, [], {
  stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  env: { ...process.env, PHYSSTUDIO_ENGINE_HOST: 'node-child', PHYSSTUDIO_RESOURCES_DIR: join(root, 'resources'), PHYSSTUDIO_DATA_DIR: dataDir },
});
let stderr = '';
child.stderr.on('data', (c) => {
  stderr = (stderr + c.toString()).slice(-4000);
});
let crashed;
child.on('exit', (code, signal) => {
  crashed = `engine exited (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').pop() ?? ''}`;
  for (const p of pending.values()) p.reject(new Error(crashed));
});
const pending = new Map();
let nextId = 1;
child.on('message', (m) => {
  if (m?.t !== 'res') return;
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  clearTimeout(p.timer);
  p.resolve(m.envelope);
});
await new Promise((resolve, reject) => {
  child.once('message', (m) => (m?.t === 'ready' ? resolve() : reject(new Error('unexpected first message'))));
  setTimeout(() => reject(new Error('engine did not start')), 60_000).unref();
});

function call(channel, payload) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`hang: ${channel} gave no answer in ${LIMIT_MS / 1000} s`));
    }, LIMIT_MS);
    pending.set(id, { resolve, reject, timer });
    child.send({ t: 'req', id, channel, payload });
  });
}

function rssBytes() {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const tally = { ok: 0, typed: {}, internal: [] };
const latencies = [];
async function run(channel, payload) {
  const t = performance.now();
  const envelope = await call(channel, payload);
  latencies.push(performance.now() - t);
  if (envelope.ok) tally.ok++;
  else {
    tally.typed[envelope.error.code] = (tally.typed[envelope.error.code] ?? 0) + 1;
    if (envelope.error.code === 'internal' && tally.internal.length < 10) tally.internal.push(`${channel}: ${envelope.error.message.slice(0, 200)}`);
  }
  return envelope;
}

/** Runs `count` jobs made by `make(i)`, IN_FLIGHT at a time. */
async function drive(count, make) {
  let i = 0;
  const worker = async () => {
    while (i < count && !crashed) await make(i++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

// ── the soak ─────────────────────────────────────────────────────────────────────────────────
const started = performance.now();
const bases = await baseImages();
const imageJob = async (i) => {
  const bytes = mutate(pick(bases));
  const imported = await run('inputs.import', { name: `soak-${i}.img`, dataBase64: bytes.toString('base64') });
  if (imported.ok && i % 20 === 0) await run('scene.perceive', { image: imported.value.path, prompt: fuzzPrompt(i), jobId: `soak_i${i}` });
};

// Warm-up: a tenth of each kind, so caches, the NLP library and the decoders are loaded before the baseline.
const warmPrompts = Math.round(PROMPTS / 10);
const warmImages = Math.round(IMAGES / 10);
await drive(warmPrompts, (i) => run(...promptRequest(i)));
await drive(warmImages, imageJob);
const baseline = rssBytes();
let peak = baseline;
const sampler = setInterval(() => {
  if (!crashed) peak = Math.max(peak, rssBytes());
}, 500);

let failure;
try {
  await drive(PROMPTS - warmPrompts, (i) => run(...promptRequest(warmPrompts + i)));
  await drive(IMAGES - warmImages, (i) => imageJob(warmImages + i));
} catch (err) {
  failure = err.message;
}
clearInterval(sampler);
const final = crashed ? 0 : rssBytes();
const growth = (final - baseline) / baseline;

const sorted = [...latencies].sort((a, b) => a - b);
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
const mib = (b) => `${(b / 1024 ** 2).toFixed(0)} MiB`;
console.log(
  `PhysStudio soak · ${cpus().length}× ${cpus()[0]?.model.trim()} · ${(totalmem() / 1024 ** 3).toFixed(0)} GiB · Node ${process.versions.node} · seed ${SEED}`,
);
console.log(`${PROMPTS} fuzzed prompts, ${IMAGES} mutated images (every 20th decodable one perceived), ${IN_FLIGHT} requests in flight`);
console.log(
  `requests ${latencies.length}: ${tally.ok} ok, typed errors ${JSON.stringify(tally.typed)}; latency median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
);
console.log(`engine RSS after warm-up ${mib(baseline)}, peak ${mib(peak)}, at the end ${mib(final)}: growth ${(growth * 100).toFixed(1)}% (limit < 10%)`);
console.log(`wall time ${((performance.now() - started) / 1000).toFixed(0)} s`);

const problems = [];
if (crashed) problems.push(crashed);
if (failure) problems.push(failure);
if (tally.internal.length) problems.push(`${tally.typed.internal} internal errors, e.g. ${tally.internal.join(' | ')}`);
if (!(growth < 0.1)) problems.push(`engine RSS grew ${(growth * 100).toFixed(1)}%`);

child.send({ t: 'shutdown' });
rmSync(dataDir, { recursive: true, force: true });
if (problems.length) {
  console.log(`soak: FAILED\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else console.log('soak: passed (no crash, no hang, no internal error, RSS growth under 10%)');

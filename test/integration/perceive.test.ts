import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { perceive } from '../../electron/engine/perceive/perceive';
import { SceneSchema } from '../../shared/scene/schema';
import { ROOT, tempDataDir } from '../helpers/engine';
import { proceduralScene } from '../helpers/procedural';

const dir = mkdtempSync(join(tmpdir(), 'ps-perceive-'));
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  const svg = Buffer.from(
    '<svg width="800" height="600"><rect x="150" y="420" width="500" height="40" fill="#7a4a20"/><circle cx="300" cy="380" r="40" fill="#d02020"/><rect x="480" y="330" width="90" height="90" fill="#2050d0"/></svg>',
  );
  await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 180, g: 170, b: 150 } } })
    .composite([{ input: svg }])
    .png()
    .toFile(file('table.png'));
  // The same scene saved as a JPEG with a .png name, rotated by EXIF.
  await sharp(file('table.png')).rotate(90).jpeg().withMetadata({ orientation: 8 }).toFile(file('rotated.png'));
  const empty = proceduralScene(5, 320, 240, 0);
  await sharp(Buffer.from(empty.rgba), { raw: { width: 320, height: 240, channels: 4 } })
    .png()
    .toFile(file('empty.png'));
  await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toFile(file('tiny.png'));
  const png = await sharp(file('table.png')).toBuffer();
  writeFileSync(file('truncated.png'), png.subarray(0, Math.floor(png.length / 3)));
  writeFileSync(file('notes.png'), 'this is not an image');
  // A valid PNG header (correct CRC) declaring 30000×30000 pixels: refused before any decoding.
  const header = Buffer.from(png.subarray(0, 33));
  header.writeUInt32BE(30000, 16);
  header.writeUInt32BE(30000, 20);
  header.writeUInt32BE(crc32(header.subarray(12, 29)), 29);
  writeFileSync(file('bomb.png'), Buffer.concat([header, png.subarray(33, 200)]));
});

// These drawn scenes check the classical path (colour-contrast segmentation, surfaces, rollout),
// which stays the fallback when the detector has nothing; real photos with the detector are in
// perceive-photos.test.ts. A COCO detector sees shapes in drawings ("stop sign"), so it is off here.
const CLASSICAL = { detector: false } as const;

describe('perceive', () => {
  it('finds the objects, labels them from the prompt and predicts that they rest on the table', async () => {
    const p = await perceive(file('table.png'), { ...CLASSICAL, prompt: 'a red rubber ball rolls toward a blue box on a wooden table' });
    const scene = SceneSchema.parse(p.scene);
    const byLabel = Object.fromEntries(scene.objects.map((o) => [o.label, o]));
    expect(Object.keys(byLabel).sort()).toEqual(['ball', 'box', 'table']);
    expect(byLabel.ball).toMatchObject({ dynamic: true, material: { name: 'rubber' }, provenance: { material: 'prompt', label: 'prompt' } });
    expect(byLabel.table).toMatchObject({ dynamic: false, material: { name: 'wood' } });
    // The ball's circle is 80 px across and a ball is about 0.22 m: the scale comes from it.
    expect(scene.scale.provenance).toBe('prompt');
    expect(Math.abs(scene.interactions.length)).toBeGreaterThan(0);
    const rests = scene.interactions
      .filter((i) => i.type === 'rests_on')
      .map((i) => `${byLabel.ball?.id === i.a ? 'ball' : 'box'}->${i.b === byLabel.table?.id ? 'table' : i.b}`);
    expect(rests.sort()).toEqual(['ball->table', 'box->table']);
    expect(scene.embedding.length).toBe(136);
    // The ground comes from the image's lowest long horizontal edge (the table's underside at y = 460).
    const ground = scene.surfaces.find((x) => x.kind === 'ground');
    expect(ground?.provenance).toBe('appearance');
    expect(Math.abs((ground?.points[0]?.y ?? 0) - 460)).toBeLessThan(6);
    expect(Math.abs((byLabel.ball?.bbox.w ?? 0) - 80)).toBeLessThan(8);
  });

  it('is deterministic: the same input gives an identical scene', async () => {
    const a = await perceive(file('table.png'), { prompt: 'a ball and a box on a table' });
    const b = await perceive(file('table.png'), { prompt: 'a ball and a box on a table' });
    expect(a.scene).toEqual(b.scene);
  });

  it('applies EXIF orientation and reads the content, not the extension', async () => {
    const p = await perceive(file('rotated.png'), CLASSICAL);
    expect(p.scene.image).toEqual({ width: 800, height: 600 });
    expect(p.scene.objects.length).toBe(3);
  });

  it('explains an empty scene instead of failing', async () => {
    const p = await perceive(file('empty.png'));
    expect(p.scene.objects).toEqual([]);
    expect(p.notices.join(' ')).toContain('I found no objects in this picture. Click an object');
  });

  it.each([
    ['truncated.png', 'bad_request', /could not be decoded|not an image/],
    ['notes.png', 'bad_request', /not an image/],
    ['bomb.png', 'payload_too_large', /30000×30000/],
    ['tiny.png', 'bad_request', /1×1 pixels/],
    ['missing.png', 'not_found', /No image file/],
  ])('refuses %s with a clear error', async (name, code, message) => {
    await expect(perceive(file(name))).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});

describe('the ONNX phys-encoder slot', () => {
  const packs = join(ROOT, 'test', 'fixtures', 'packs');

  it('runs an installed phys-encoder pack, falls back to the CPU provider, and merges its outputs', async () => {
    const { discoverPacks } = await import('../../electron/engine/models/discovery');
    const pack = (await discoverPacks(packs, [])).packs.find((p) => p.manifest.id === 'tiny-phys-encoder');
    expect(pack).toBeDefined();
    const p = await perceive(file('table.png'), { ...(pack ? { encoder: pack } : {}) });
    expect(p.scene.encoder?.pack).toBe('tiny-phys-encoder');
    expect(p.scene.encoder?.provider).toBe('cpu');
    // The pack prefers CUDA, which this machine lacks: the fallback is reported, not hidden.
    if (process.platform === 'linux') expect(p.notices.join(' ')).toMatch(/ran on CPU \(cuda: /);

    // The oracle: onnxruntime run directly on the input the manifest describes (64×64 RGB, (x − 0.5) / 0.25).
    const { default: ort } = await import('onnxruntime-node');
    const rgb = await sharp(file('table.png')).removeAlpha().resize(64, 64, { fit: 'fill' }).raw().toBuffer();
    const input = new Float32Array(3 * 64 * 64);
    for (let i = 0; i < 64 * 64; i++) for (let c = 0; c < 3; c++) input[c * 64 * 64 + i] = ((rgb[i * 3 + c] ?? 0) / 255 - 0.5) / 0.25;
    const session = await ort.InferenceSession.create(join(packs, 'tiny-phys-encoder', 'encoder.onnx'));
    const out = await session.run({ image: new ort.Tensor('float32', input, [1, 3, 64, 64]) });
    const expected = Array.from(out.embedding?.data as Float32Array);
    expect(p.scene.encoder?.embedding).toHaveLength(8);
    for (const [i, v] of (p.scene.encoder?.embedding ?? []).entries()) expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 3);
    const logits = Array.from(out.material_logits?.data as Float32Array);
    const top = ['rubber', 'wood', 'steel', 'glass'][logits.indexOf(Math.max(...logits))];
    expect(p.scene.encoder?.material?.name).toBe(top);
    // Without a prompt, materials came from appearance; the model's opinion replaces that.
    for (const o of p.scene.objects) expect(o.provenance.material).toBe('model');
    expect(p.scene.objects.every((o) => o.material.name === top)).toBe(true);
    await session.release();
  });

  it('never overrides a material the prompt named', async () => {
    const { discoverPacks } = await import('../../electron/engine/models/discovery');
    const pack = (await discoverPacks(packs, [])).packs.find((p) => p.manifest.id === 'tiny-phys-encoder');
    const p = await perceive(file('table.png'), { prompt: 'a red rubber ball and a blue box on a wooden table', ...(pack ? { encoder: pack } : {}) });
    const ball = p.scene.objects.find((o) => o.label === 'ball');
    expect(ball?.material.name).toBe('rubber');
    expect(ball?.provenance.material).toBe('prompt');
  });
});

describe('adding an object by hand', () => {
  it('adds the object under a click, or inside a drawn box, and predicts its interactions', async () => {
    const { addObject } = await import('../../electron/engine/perceive/add-object');
    const p = await perceive(file('table.png'), { ...CLASSICAL, prompt: 'a red ball and a blue box on a table' });
    const ball = p.scene.objects.find((o) => o.label === 'ball');
    const without = { ...p.scene, objects: p.scene.objects.filter((o) => o !== ball) };
    const clicked = await addObject(file('table.png'), without, { point: { x: 300, y: 380 } });
    const added = clicked.scene.objects.find((o) => o.id === clicked.added);
    expect(added).toBeDefined();
    expect(Math.abs((added?.bbox.x ?? 0) + (added?.bbox.w ?? 0) / 2 - 300)).toBeLessThan(8);
    expect(Math.abs((added?.bbox.w ?? 0) - 80)).toBeLessThan(10);
    expect(added?.provenance.label).toBe('user');
    expect(clicked.scene.interactions.some((i) => i.a === clicked.added && i.type === 'rests_on')).toBe(true);
    const boxed = await addObject(file('table.png'), without, { box: { x: 250, y: 330, w: 100, h: 100 } });
    expect(boxed.added).not.toBeNull();
  });
});

describe('physstudio perceive', () => {
  it('prints the Scene as one JSON document', () => {
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'physstudio.cjs'),
        'perceive',
        file('table.png'),
        '--prompt',
        'a red ball and a blue box on a table',
        '--json',
        '--data-dir',
        tempDataDir(),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    const scene = SceneSchema.parse(JSON.parse(result.stdout));
    expect(scene.objects.map((o) => o.label).sort()).toEqual(['ball', 'box', 'table']);
  });

  it('reports a corrupt file on one line', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'physstudio.cjs'), 'perceive', file('truncated.png'), '--data-dir', tempDataDir()], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});

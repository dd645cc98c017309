// Scene-tab object edits as the engine runs them (scene.editObject): a brush stroke, a merge and a
// preset on a 1152×864 photo's masks (512×384, as perception makes them), each followed by the
// nominal re-prediction the Scene tab shows first. Run alone: `node bench/object-edit.mjs`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundle.mjs';

export async function benchObjectEdit(root, runs = 15) {
  const m = await loadBundled(
    root,
    'object-edit',
    "export { editObject } from './electron/engine/scene/edit-object'; export { predictInteractions } from './shared/physics/predict'; export { objectBits, toRle, replaceObject } from './shared/scene/mask-edit'; export * from './test/helpers/scenes';",
  );
  const image = { width: 1152, height: 864 };
  const withMask = (o) => ({ ...o, mask: m.toRle(m.objectBits(o, image)) });
  const ball = withMask(m.object('o1', m.circle(400, 600, 70)));
  const box = withMask(m.object('o2', m.rect(470, 540, 120, 130)));
  const base = {
    ...m.scene(
      [ball, box],
      [
        m.surface('ground', [
          { x: -1000, y: 670 },
          { x: 3000, y: 670 },
        ]),
      ],
    ),
    image,
  };
  const stroke = Array.from({ length: 12 }, (_, i) => ({ x: 330 + i * 12, y: 560 + Math.sin(i / 2) * 20 }));
  const edits = {
    brush: { object: ball, edit: { kind: 'paint', mode: 'add', radius: 25, points: stroke } },
    merge: { object: ball, edit: { kind: 'merge', other: box } },
    preset: { object: ball, edit: { kind: 'preset', preset: 'steel' } },
  };
  const out = {};
  for (const [name, { object, edit }] of Object.entries(edits)) {
    const request = { image, pixelsPerMetre: base.scale.pixelsPerMetre, object, edit };
    // Warm: the engine has run edits before (JIT, opencv.js loaded).
    for (let i = 0; i < 10; i++) await m.editObject(request);
    const engine = [];
    const total = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await m.editObject(request);
      engine.push(performance.now() - t);
      await m.predictInteractions(m.replaceObject(base, r.object, r.absorbed ?? undefined), { seconds: 5, fps: 24, ensemble: 0 });
      total.push(performance.now() - t);
    }
    out[name] = { engine, total };
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  for (const [name, r] of Object.entries(await benchObjectEdit(root))) {
    console.log(`object edit ${name}: engine ${med(r.engine)} ms median, with nominal re-prediction ${med(r.total)} ms median`);
  }
}

// Draws what perception saw over a photo, for a person to check: each object's outline and label
// (dynamic in orange, static in blue, the prompt's subject thicker), the surfaces, the view and scale.
// Usage: node scripts/perceive-overlay.mjs <image> "<prompt>" <out.png>
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from '../bench/bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [image, prompt, out] = process.argv.slice(2);
if (!image || !out) {
  console.error('usage: node scripts/perceive-overlay.mjs <image> "<prompt>" <out.png>');
  process.exit(2);
}
const sharp = createRequire(join(root, 'package.json'))('sharp');
const { perceive } = await loadBundled(root, 'overlay', "export { perceive } from './electron/engine/perceive/perceive';");
const { scene, notices } = await perceive(image, prompt ? { prompt } : {});
const { width, height } = scene.image;
const esc = (s) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
const shapes = scene.objects.map((o) => {
  const colour = o.dynamic ? '#ff8c1a' : '#3aa0ff';
  const pts = o.polygon.map((p) => `${p.x},${p.y}`).join(' ');
  const text = `${o.label}${o.grounding ? ` (${o.grounding.via})` : ''}${o.detection ? ` ${o.detection.score.toFixed(2)}` : ''} ${o.params.mass < 1 ? `${Math.round(o.params.mass * 1000)} g` : `${o.params.mass.toPrecision(3)} kg`}`;
  return `<polygon points="${pts}" fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="${o.id === scene.subjectId ? 5 : 2}"/>
<rect x="${o.bbox.x}" y="${Math.max(0, o.bbox.y - 18)}" width="${text.length * 7.5}" height="18" fill="black" fill-opacity="0.6"/>
<text x="${o.bbox.x + 3}" y="${Math.max(13, o.bbox.y - 5)}" font-size="13" font-family="sans-serif" fill="white">${esc(text)}</text>`;
});
const lines = scene.surfaces.map((s) => `<polyline points="${s.points.map((p) => `${p.x},${p.y}`).join(' ')}" stroke="#39d353" stroke-width="3" fill="none"/>`);
const info = `${scene.view ?? 'side'} · ${scene.scale.pixelsPerMetre} px/m (${scene.scale.reference?.label ?? scene.scale.provenance}) · g=(${scene.gravity.x},${scene.gravity.y})`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${lines.join('')}${shapes.join('')}
<rect x="0" y="${height - 22}" width="${width}" height="22" fill="black" fill-opacity="0.6"/><text x="6" y="${height - 6}" font-size="14" font-family="sans-serif" fill="white">${esc(info)}</text></svg>`;
await sharp(image)
  .rotate()
  .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
  .png()
  .toFile(out);
console.log(out, info);
for (const n of notices) console.log(' ', n);

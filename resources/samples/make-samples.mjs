#!/usr/bin/env node
// Draws the bundled sample scenes: SVG illustrations rendered with sharp, a little seeded grain
// added, written as PNG beside this script together with samples.json.
//
//   node resources/samples/make-samples.mjs
//
// Everything here is our own work (no third-party assets); the output is CC0-1.0. The same
// script with the same sharp (librsvg, libimagequant) version gives byte-identical files: every
// random number comes from a seeded generator.
//
// The pictures are drawn for the app's own perception (electron/engine/perceive and
// shared/scene/build.ts), which they must pass unaided:
// - segmentation keeps what differs from a background plane fitted to the picture's border, so
//   the room (wall and floor) stays close to one colour and the objects differ from it in colour,
//   not only in brightness; thin dark lines (table legs, edges) vanish in its morphology;
// - touching objects are split by colour only where their union is clearly concave, so stacked
//   blocks are painted different colours and stacked off-centre;
// - a segmented table is matched to the prompt's "table" (and kept static) only if it is wide
//   and flat; a table that is not segmented supports what stands on it through its long
//   horizontal front edge instead;
// - the ground is the lowest long horizontal edge, so objects stand on the wall/floor line and
//   no other long edge is drawn below them or within a few pixels of where they stand.
// Check a change with `node dist/cli/main.cjs perceive resources/samples/<id>.png --prompt
// "<prompt>" --json` after `npm run build`.

import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const W = 800;
const H = 600;

/** mulberry32: small, fast, seeded. */
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

const f = (n) => (Math.round(n * 10) / 10).toString();

// ---------------------------------------------------------------------------------------------
// Room: a warm wall and a wooden floor of nearly the same hue, meeting in a sharp step of
// brightness with a thin bright edge (light catching the floorboards) between them. Things stand
// on that line (a side view, as the simulation sees it), so it is the ground the app detects.
// The step has to be strong for the edge detector to follow it the whole width; a dark stripe
// instead would be glued by segmentation to dark objects standing on it (a green bottle grew a
// foot). No other long horizontal edge is drawn below the objects: the lowest one is taken as
// the ground.

function room({ groundY, seed }) {
  const r = rng(seed);
  // Floorboards seen in perspective: faint seams that converge towards a vanishing point.
  const vx = W / 2 + (r() - 0.5) * 120;
  const vy = groundY - 900;
  // Sunlight from a window out of the picture: a soft, faint patch on the wall.
  const wx = 60 + r() * 380;
  const seams = [];
  for (let x = -1400; x <= W + 1400; x += 95 + r() * 20) {
    const t = (groundY - vy) / (H - vy);
    const top = vx + (x - vx) * t;
    seams.push(`<line x1="${f(top)}" y1="${groundY}" x2="${f(x)}" y2="${H}" stroke="#8a7458" stroke-opacity="0.10" stroke-width="1.4"/>`);
  }
  return `
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#e6ddcd"/>
      <stop offset="1" stop-color="#ddd3c1"/>
    </linearGradient>
    <linearGradient id="floor" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#a48c6b"/>
      <stop offset="1" stop-color="#c2ae90"/>
    </linearGradient>
    <radialGradient id="light" cx="0.45" cy="0.25" r="0.85">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.10"/>
      <stop offset="1" stop-color="#000000" stop-opacity="0.05"/>
    </radialGradient>
    <filter id="soft" x="-0.3" y="-0.3" width="1.6" height="1.6"><feGaussianBlur stdDeviation="18"/></filter>
    <filter id="grain" x="0" y="0" width="1" height="1">
      <feTurbulence type="fractalNoise" baseFrequency="0.012 0.35" numOctaves="2" seed="${seed % 997}"/>
      <feColorMatrix type="matrix" values="0 0 0 0 0.45  0 0 0 0 0.36  0 0 0 0 0.26  0 0 0 0.10 0"/>
    </filter>
  </defs>
  <rect x="0" y="0" width="${W}" height="${groundY}" fill="url(#wall)"/>
  <path d="M ${f(wx)} 40 L ${f(wx + 150)} 40 L ${f(wx + 250)} ${f(groundY * 0.62)} L ${f(wx + 100)} ${f(groundY * 0.62)} Z" fill="#fffdf6" opacity="0.22" filter="url(#soft)"/>
  <rect x="0" y="${groundY}" width="${W}" height="${H - groundY}" fill="url(#floor)"/>
  <rect x="0" y="${groundY}" width="${W}" height="${H - groundY}" filter="url(#grain)"/>
  ${seams.join('\n  ')}
  <rect x="0" y="${groundY - 1}" width="${W}" height="2" fill="#f4efe6"/>
  <rect x="0" y="0" width="${W}" height="${H}" fill="url(#light)"/>`;
}

/** A soft shadow on the floor or a table top. */
function shadow(cx, cy, rx, ry, opacity = 0.22) {
  const id = `sh${Math.round(cx)}_${Math.round(cy)}`;
  return `
  <defs><radialGradient id="${id}"><stop offset="0" stop-color="#3a2c1c" stop-opacity="${opacity}"/><stop offset="1" stop-color="#3a2c1c" stop-opacity="0"/></radialGradient></defs>
  <ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(rx)}" ry="${f(ry)}" fill="url(#${id})"/>`;
}

// ---------------------------------------------------------------------------------------------
// Props.

/**
 * A solid wooden table seen from the front: top face, front apron, four legs standing on
 * `groundY`. Dark against the room, so perception finds it as an object; wide and flat, so the
 * prompt's "table" is matched to it and it stays static.
 */
function woodTable({ x, y, w, groundY, seed }) {
  const top = 10; // visible top face
  const apron = 20;
  const leg = 15;
  const back = 11; // back legs inset and shorter (further away)
  const legTop = y + top + apron - 2;
  return `
  <defs>
    <linearGradient id="ttop" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9a6238"/><stop offset="1" stop-color="#a86d40"/></linearGradient>
    <linearGradient id="tfront" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7a4624"/><stop offset="1" stop-color="#5f3519"/></linearGradient>
    <linearGradient id="tleg" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#5a3218"/><stop offset="0.45" stop-color="#76431f"/><stop offset="1" stop-color="#4e2a13"/></linearGradient>
    <filter id="wood" x="0" y="0" width="1" height="1">
      <feTurbulence type="fractalNoise" baseFrequency="0.004 0.22" numOctaves="3" seed="${seed % 991}"/>
      <feColorMatrix type="matrix" values="0 0 0 0 0.22  0 0 0 0 0.12  0 0 0 0 0.05  0 0 0 0.35 -0.05"/>
      <feComposite in2="SourceGraphic" operator="in"/>
    </filter>
  </defs>
  ${shadow(x + w / 2, groundY, w * 0.55, 10, 0.22)}
  <rect x="${x + 34}" y="${legTop}" width="${back}" height="${groundY - legTop - 8}" fill="#4a2812"/>
  <rect x="${x + w - 34 - back}" y="${legTop}" width="${back}" height="${groundY - legTop - 8}" fill="#4a2812"/>
  <rect x="${x + 10}" y="${legTop}" width="${leg}" height="${groundY - legTop}" fill="url(#tleg)"/>
  <rect x="${x + w - 10 - leg}" y="${legTop}" width="${leg}" height="${groundY - legTop}" fill="url(#tleg)"/>
  <rect x="${x}" y="${y + top}" width="${w}" height="${apron}" rx="2" fill="url(#tfront)"/>
  <rect x="${x}" y="${y + top}" width="${w}" height="${apron}" rx="2" fill="#000" filter="url(#wood)"/>
  <path d="M ${x + 4} ${y} L ${x + w - 4} ${y} L ${x + w} ${y + top} L ${x} ${y + top} Z" fill="url(#ttop)"/>
  <path d="M ${x + 4} ${y} L ${x + w - 4} ${y} L ${x + w} ${y + top} L ${x} ${y + top} Z" fill="#000" filter="url(#wood)"/>
  <rect x="${x}" y="${y + top}" width="${w}" height="2" fill="#c08453" opacity="0.7"/>`;
}

/**
 * A slim table: a pale oak top with a dark walnut edge band and thin dark legs. The pale parts
 * are close to the room's colour and the dark parts are thin, so perception does not take the
 * table for an object; its dark front edge is a long horizontal line, which it takes for the
 * table surface under whatever stands on it. `y` is the top of the top face, which is `top`
 * pixels deep; the edge band follows.
 */
const SLIM = { top: 10, band: 4, leg: 6 };
function slimTable({ x, y, w, groundY, seed }) {
  const { top, band, leg } = SLIM;
  const legTop = y + top + band;
  return `
  <defs>
    <linearGradient id="stop" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#dccbab"/><stop offset="1" stop-color="#d3bf9c"/></linearGradient>
    <filter id="oak" x="0" y="0" width="1" height="1">
      <feTurbulence type="fractalNoise" baseFrequency="0.006 0.5" numOctaves="2" seed="${seed % 991}"/>
      <feColorMatrix type="matrix" values="0 0 0 0 0.45  0 0 0 0 0.32  0 0 0 0 0.18  0 0 0 0.25 -0.02"/>
      <feComposite in2="SourceGraphic" operator="in"/>
    </filter>
  </defs>
  ${shadow(x + w / 2, groundY, w * 0.55, 9, 0.16)}
  <rect x="${x + 40}" y="${legTop}" width="${leg - 2}" height="${groundY - legTop - 10}" fill="#6d5137"/>
  <rect x="${x + w - 40 - leg + 2}" y="${legTop}" width="${leg - 2}" height="${groundY - legTop - 10}" fill="#6d5137"/>
  <rect x="${x + 12}" y="${legTop}" width="${leg}" height="${groundY - legTop}" fill="#4b3322"/>
  <rect x="${x + w - 12 - leg}" y="${legTop}" width="${leg}" height="${groundY - legTop}" fill="#4b3322"/>
  <path d="M ${x + 5} ${y} L ${x + w - 5} ${y} L ${x + w} ${y + top} L ${x} ${y + top} Z" fill="url(#stop)"/>
  <path d="M ${x + 5} ${y} L ${x + w - 5} ${y} L ${x + w} ${y + top} L ${x} ${y + top} Z" fill="#000" filter="url(#oak)"/>
  <rect x="${x}" y="${y + top}" width="${w}" height="${band}" fill="#4b3322"/>`;
}

/** A shaded sphere: base colour, darker rim, highlight up and to the left. */
function ball({ id, cx, cy, r, light, base, dark, seams = '' }) {
  return `
  <defs>
    <radialGradient id="${id}" cx="0.38" cy="0.34" r="0.72">
      <stop offset="0" stop-color="${light}"/>
      <stop offset="0.45" stop-color="${base}"/>
      <stop offset="1" stop-color="${dark}"/>
    </radialGradient>
    <clipPath id="${id}c"><circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}"/></clipPath>
  </defs>
  <circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" fill="url(#${id})"/>
  <g clip-path="url(#${id}c)">${seams}</g>
  <ellipse cx="${f(cx - r * 0.35)}" cy="${f(cy - r * 0.4)}" rx="${f(r * 0.22)}" ry="${f(r * 0.14)}" fill="#ffffff" opacity="0.35" transform="rotate(-30 ${f(cx - r * 0.35)} ${f(cy - r * 0.4)})"/>`;
}

/** A painted wooden toy block seen from the front, with a sliver of its top and right faces. */
function block({ id, x, y, w, h, front, top, side, seed }) {
  const d = 7;
  return `
  <defs>
    <linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${front[0]}"/><stop offset="1" stop-color="${front[1]}"/></linearGradient>
    <filter id="${id}g" x="0" y="0" width="1" height="1">
      <feTurbulence type="fractalNoise" baseFrequency="0.006 0.16" numOctaves="3" seed="${seed % 983}"/>
      <feColorMatrix type="matrix" values="0 0 0 0 0.1  0 0 0 0 0.06  0 0 0 0 0.02  0 0 0 0.28 -0.04"/>
      <feComposite in2="SourceGraphic" operator="in"/>
    </filter>
  </defs>
  <path d="M ${x} ${y} L ${x + d} ${y - d} L ${x + w + d} ${y - d} L ${x + w} ${y} Z" fill="${top}"/>
  <path d="M ${x + w} ${y} L ${x + w + d} ${y - d} L ${x + w + d} ${y + h - d} L ${x + w} ${y + h} Z" fill="${side}"/>
  <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="url(#${id})"/>
  <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#000" filter="url(#${id}g)"/>
  <rect x="${x + 1}" y="${y + 1}" width="${w - 2}" height="${h - 2}" fill="none" stroke="#ffffff" stroke-opacity="0.18" stroke-width="2"/>`;
}

/** A green glass wine bottle standing with its base at (cx, base). */
function bottle({ cx, base, h, noShadow = false }) {
  const bw = h * 0.3; // body width
  const nw = h * 0.12; // neck width
  const body = h * 0.6;
  const shoulder = h * 0.14;
  const x0 = cx - bw / 2;
  const x1 = cx + bw / 2;
  const yb = base - body;
  const ys = yb - shoulder;
  const yt = base - h;
  const path = `M ${f(x0)} ${f(base - 4)} Q ${f(x0)} ${f(base)} ${f(x0 + 4)} ${f(base)} L ${f(x1 - 4)} ${f(base)} Q ${f(x1)} ${f(base)} ${f(x1)} ${f(base - 4)}
    L ${f(x1)} ${f(yb)} C ${f(x1)} ${f(ys + 6)} ${f(cx + nw / 2)} ${f(ys + 4)} ${f(cx + nw / 2)} ${f(ys - 6)}
    L ${f(cx + nw / 2)} ${f(yt + 3)} Q ${f(cx + nw / 2)} ${f(yt)} ${f(cx + nw / 2 - 3)} ${f(yt)} L ${f(cx - nw / 2 + 3)} ${f(yt)} Q ${f(cx - nw / 2)} ${f(yt)} ${f(cx - nw / 2)} ${f(yt + 3)}
    L ${f(cx - nw / 2)} ${f(ys - 6)} C ${f(cx - nw / 2)} ${f(ys + 4)} ${f(x0)} ${f(ys + 6)} ${f(x0)} ${f(yb)} Z`;
  return `
  <defs>
    <linearGradient id="glass" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#123f22"/>
      <stop offset="0.22" stop-color="#2f7a45"/>
      <stop offset="0.4" stop-color="#3d8c55"/>
      <stop offset="0.7" stop-color="#215c34"/>
      <stop offset="1" stop-color="#0f321b"/>
    </linearGradient>
    <clipPath id="glassc"><path d="${path}"/></clipPath>
  </defs>
  ${noShadow ? '' : shadow(cx + 4, base, bw * 0.7, 3, 0.12)}
  <path d="${path}" fill="url(#glass)"/>
  <g clip-path="url(#glassc)">
    <rect x="${f(cx - bw * 0.28)}" y="${f(yt)}" width="${f(bw * 0.09)}" height="${f(h)}" fill="#d9f2de" opacity="0.45"/>
    <rect x="${f(cx + bw * 0.22)}" y="${f(yb)}" width="${f(bw * 0.05)}" height="${f(body)}" fill="#bfe6c8" opacity="0.25"/>
    <rect x="${f(x0)}" y="${f(yt)}" width="${f(bw)}" height="${f(h * 0.07)}" fill="#1a3d24"/>
  </g>`;
}

/** A red apple with a stem and a small leaf. */
function apple({ cx, cy, r }) {
  return `
  <defs>
    <radialGradient id="apple" cx="0.36" cy="0.36" r="0.75">
      <stop offset="0" stop-color="#ef6a4a"/>
      <stop offset="0.5" stop-color="#c9281f"/>
      <stop offset="1" stop-color="#7c1410"/>
    </radialGradient>
  </defs>
  <path d="M ${f(cx)} ${f(cy - r * 0.78)} C ${f(cx + r * 0.55)} ${f(cy - r * 1.12)} ${f(cx + r * 1.08)} ${f(cy - r * 0.7)} ${f(cx + r * 1.0)} ${f(cy + r * 0.05)}
    C ${f(cx + r * 0.95)} ${f(cy + r * 0.75)} ${f(cx + r * 0.5)} ${f(cy + r * 1.02)} ${f(cx)} ${f(cy + r * 0.92)}
    C ${f(cx - r * 0.5)} ${f(cy + r * 1.02)} ${f(cx - r * 0.95)} ${f(cy + r * 0.75)} ${f(cx - r * 1.0)} ${f(cy + r * 0.05)}
    C ${f(cx - r * 1.08)} ${f(cy - r * 0.7)} ${f(cx - r * 0.55)} ${f(cy - r * 1.12)} ${f(cx)} ${f(cy - r * 0.78)} Z" fill="url(#apple)"/>
  <path d="M ${f(cx)} ${f(cy - r * 0.72)} Q ${f(cx + r * 0.05)} ${f(cy - r * 1.05)} ${f(cx + r * 0.2)} ${f(cy - r * 1.25)}" stroke="#5a3a1c" stroke-width="${f(r * 0.12)}" fill="none" stroke-linecap="round"/>
  <ellipse cx="${f(cx - r * 0.38)}" cy="${f(cy - r * 0.3)}" rx="${f(r * 0.16)}" ry="${f(r * 0.1)}" fill="#fff" opacity="0.35" transform="rotate(-35 ${f(cx - r * 0.38)} ${f(cy - r * 0.3)})"/>`;
}

// ---------------------------------------------------------------------------------------------
// Scenes.

const SCENES = [
  {
    id: 'ball-off-table',
    title: 'Ball rolls off a table',
    description:
      'A rubber ball near the edge of a slim table. Naive motion rolls it along at a constant speed and spin, past the edge and straight on through the air at table height without ever falling; the simulation rolls it off the edge, drops it in a parabola and bounces it on the floor with decreasing height.',
    prompt: 'A red rubber ball rolls off the edge of the wooden table and bounces on the floor',
    seed: 101,
    draw() {
      // The table stands at the right and the ball near its left end, so the ball rolls
      // left (towards the nearer edge) and has the width of the room to bounce in.
      const groundY = 470;
      const t = { x: 390, y: 262, w: 380, groundY };
      const r = 38;
      const cx = t.x + 62;
      const cy = t.y + SLIM.top - 1 - r;
      return [
        room({ groundY, seed: this.seed }),
        slimTable({ ...t, seed: this.seed + 1 }),
        shadow(cx + 6, t.y + 7, r * 0.9, 4, 0.3),
        ball({ id: 'rubber', cx, cy, r, light: '#f26a5c', base: '#d42a22', dark: '#7e1410' }),
      ].join('\n');
    },
  },
  {
    id: 'block-stack',
    title: 'A leaning stack topples',
    description:
      'Three wooden toy blocks stacked off-centre, so the top two overhang the bottom one. Naive motion spins each block in place about its own centre at a steady rate, so the blocks turn through one another and nothing falls; the simulation lets the blocks separate, tumble and settle on the floor.',
    prompt: 'A yellow wooden block on a blue wooden block on a red wooden block topples over onto the floor',
    seed: 202,
    draw() {
      // Each block overhangs the one below by s; the top two together overhang the bottom one
      // by more than half a width (1.5·s > w/2), so the stack cannot stand.
      const w = 84;
      const h = 62;
      const s = 34;
      const x = 150;
      const groundY = 470;
      return [
        room({ groundY, seed: this.seed }),
        shadow(x + w / 2 + 30, groundY, w * 1.1, 9, 0.25),
        block({ id: 'red', x, y: groundY - h, w, h, front: ['#d8412f', '#a82a1c'], top: '#e8705e', side: '#8e2317', seed: this.seed + 1 }),
        block({ id: 'blue', x: x + s, y: groundY - 2 * h, w, h, front: ['#3a6fd0', '#2550a6'], top: '#6b95e4', side: '#1e418a', seed: this.seed + 2 }),
        block({ id: 'yellow', x: x + 2 * s, y: groundY - 3 * h, w, h, front: ['#f2c531', '#d9a514'], top: '#f8dc6e', side: '#b7880c', seed: this.seed + 3 }),
      ].join('\n');
    },
  },
  {
    id: 'ball-hits-bottle',
    title: 'A thrown ball knocks over a bottle',
    description:
      'A tennis ball in flight towards a glass bottle standing on the floor. Naive motion carries the ball straight through the bottle; the simulation arcs it under gravity, transfers momentum on impact and tips the bottle over.',
    prompt: 'A tennis ball is thrown at the glass bottle and knocks it over',
    seed: 303,
    draw() {
      const groundY = 470;
      const r = 22;
      const cx = 205;
      const cy = 345;
      const seam = (d) => `<path d="${d}" stroke="#f4f7e6" stroke-width="2.5" fill="none"/>`;
      const seams =
        seam(`M ${cx - r} ${cy - 8} C ${cx - 8} ${cy - 2} ${cx + 4} ${cy - 30} ${f(cx + r * 0.5)} ${f(cy - r * 1.2)}`) +
        seam(`M ${f(cx - r * 0.2)} ${f(cy + r * 1.1)} C ${cx + 2} ${cy + 10} ${cx + 10} ${cy + 4} ${f(cx + r * 1.1)} ${cy + 6}`);
      return [
        room({ groundY, seed: this.seed }),
        ball({ id: 'tennis', cx, cy, r, light: '#f1fb8a', base: '#cfe23a', dark: '#8da21c', seams }),
        // A small bottle (about twice the ball's size again): the throw the app plans from the
        // prompt is a gentle lob, and a taller, heavier bottle only rocks when hit.
        bottle({ cx: 565, base: groundY, h: 126 }),
      ].join('\n');
    },
  },
  {
    id: 'apple-onto-table',
    title: 'An apple drops onto a table',
    description:
      'An apple held above a wooden table. Naive motion lowers it at constant speed straight through the tabletop and into the table; the simulation accelerates it under gravity and lets it bounce and roll on impact.',
    prompt: 'An apple falls onto the table',
    seed: 404,
    draw() {
      const groundY = 500;
      const t = { x: 160, y: 310, w: 480, groundY };
      return [
        room({ groundY, seed: this.seed }),
        woodTable({ ...t, seed: this.seed + 1 }),
        shadow(415, t.y + 6, 30, 4, 0.18),
        apple({ cx: 405, cy: 150, r: 19 }),
      ].join('\n');
    },
  },
];

// ---------------------------------------------------------------------------------------------

/** Adds seeded film grain so the picture looks less synthetic. */
function addGrain(data, channels, seed) {
  const r = rng(seed);
  for (let i = 0; i < data.length; i += channels) {
    // Sum of uniforms: roughly Gaussian, σ ≈ 2 levels. Luminance only: chroma grain costs
    // a third more bytes and is hardly visible.
    const l = (r() + r() + r() - 1.5) * 4;
    for (let c = 0; c < 3; c++) {
      const v = data[i + c] + l;
      data[i + c] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
}

async function render(scene) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${scene.draw()}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  addGrain(data, info.channels, scene.seed);
  // A 256-colour palette: the grain makes a full-colour PNG almost 400 KB; this is about 270 KB
  // and indistinguishable at a glance.
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .png({ compressionLevel: 9, palette: true, colours: 256, dither: 0, effort: 10 })
    .toBuffer();
}

const index = [];
for (const scene of SCENES) {
  const png = await render(scene);
  const file = `${scene.id}.png`;
  await writeFile(join(here, file), png);
  index.push({ id: scene.id, title: scene.title, description: scene.description, image: file, prompt: scene.prompt, licence: 'CC0-1.0', seconds: 4 });
  console.log(`${file}  ${(png.length / 1024).toFixed(0)} KB`);
}
await writeFile(join(here, 'samples.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log('samples.json');

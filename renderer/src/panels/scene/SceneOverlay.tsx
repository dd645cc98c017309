import { type PointerEvent, useRef, useState } from 'react';
import { centroid } from '../../../../shared/physics/geometry';
import type { Point, Scene } from '../../../../shared/scene/schema';
import { useApi } from '../../api/use-api';
import { useScene } from '../../stores/scene';
import { defaultBrush } from './EditTools';
import { tint } from './palette';

/** Seconds of motion an arrow's length stands for when the user drags a push. */
const ARROW_SECONDS = 0.5;

function nameOf(scene: Scene, id: string): Point | undefined {
  const o = scene.objects.find((x) => x.id === id);
  if (o) return centroid(o.polygon);
  const s = scene.surfaces.find((x) => x.id === id);
  if (!s) return undefined;
  return { x: ((s.points[0]?.x ?? 0) + (s.points.at(-1)?.x ?? 0)) / 2, y: s.points[0]?.y ?? 0 };
}

/**
 * The perceived scene drawn over the user's image: tinted object outlines with labels, support
 * surfaces, predicted interactions as arrows with their times, and push arrows. Click an object
 * to select it; drag from the selected object to give it an initial push. Click elsewhere to add
 * the object there, or drag a box around one the automatic pass missed. With a brush tool, drag to
 * paint onto (or erase from) the selected object's mask.
 */
export function SceneOverlay({ imageUrl, scene }: { imageUrl: string; scene: Scene }) {
  const api = useApi();
  const { selected, hovered, select, edit, addObject, tool, brushRadius, editObject } = useScene();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; from: Point; to: Point } | null>(null);
  const [box, setBox] = useState<{ from: Point; to: Point } | null>(null);
  const [painting, setPainting] = useState<Point[] | null>(null);
  const [cursor, setCursor] = useState<Point | null>(null);
  const brushing = tool !== 'select' && selected !== null && scene.objects.some((o) => o.id === selected);
  const radius = brushRadius ?? defaultBrush(scene);
  const { width, height } = scene.image;
  const hoveredPair = hovered !== null ? scene.interactions[hovered] : undefined;
  const stroke = Math.max(1.5, width / 500);

  const toImage = (e: PointerEvent): Point => {
    const box = svg.current?.getBoundingClientRect();
    if (!box) return { x: 0, y: 0 };
    const s = Math.min(box.width / width, box.height / height);
    const ox = (box.width - width * s) / 2;
    const oy = (box.height - height * s) / 2;
    return { x: (e.clientX - box.left - ox) / s, y: (e.clientY - box.top - oy) / s };
  };

  return (
    <svg
      ref={svg}
      className={`overlay${brushing ? ' overlay--brush' : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Perceived scene: ${scene.objects.length} objects, ${scene.interactions.length} predicted interactions`}
      data-testid="scene-overlay"
      onPointerDownCapture={(e) => {
        // The brush owns the press: nothing underneath is selected, pushed or added.
        if (!brushing || e.button !== 0) return;
        e.stopPropagation();
        e.preventDefault();
        svg.current?.setPointerCapture?.(e.pointerId);
        setPainting([toImage(e)]);
      }}
      onPointerMove={(e) => {
        if (brushing) {
          const p = toImage(e);
          setCursor(p);
          const last = painting?.at(-1);
          // Samples closer than a third of the brush add nothing the capsules between them miss.
          if (painting && last && Math.hypot(p.x - last.x, p.y - last.y) > radius / 3) setPainting([...painting, p]);
        } else if (drag) setDrag({ ...drag, to: toImage(e) });
        else if (box) setBox({ ...box, to: toImage(e) });
      }}
      onPointerLeave={() => setCursor(null)}
      onPointerUp={(e) => {
        if (painting) {
          const id = selected;
          if (brushing && id) {
            const end = toImage(e);
            void editObject(api, id, { kind: 'paint', mode: tool === 'brush-add' ? 'add' : 'subtract', radius, points: [...painting, end] });
          }
          setPainting(null);
          return;
        }
        if (box) {
          // A click adds the object under it; a drag adds the object inside the drawn box.
          const x = Math.min(box.from.x, box.to.x);
          const y = Math.min(box.from.y, box.to.y);
          const w = Math.abs(box.to.x - box.from.x);
          const h = Math.abs(box.to.y - box.from.y);
          void addObject(api, w < 6 && h < 6 ? { point: box.from } : { box: { x, y, w, h } });
          setBox(null);
          return;
        }
        if (!drag) return;
        const v = { x: (drag.to.x - drag.from.x) / ARROW_SECONDS, y: (drag.to.y - drag.from.y) / ARROW_SECONDS };
        if (Math.hypot(v.x, v.y) > 10) {
          edit(api, (s) => ({
            ...s,
            objects: s.objects.map((o) => (o.id === drag.id ? { ...o, velocity: v, provenance: { ...o.provenance, velocity: 'user' } } : o)),
          }));
        }
        setDrag(null);
      }}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#ffd166" />
        </marker>
      </defs>
      <image
        href={imageUrl}
        width={width}
        height={height}
        data-testid="scene-image"
        onPointerDown={(e) => {
          select(null);
          const p = toImage(e);
          setBox({ from: p, to: p });
        }}
      />
      {scene.surfaces.map((s) => (
        <polyline key={s.id} points={s.points.map((p) => `${p.x},${p.y}`).join(' ')} className="surface" strokeWidth={stroke * 2} />
      ))}
      {scene.objects.map((o, i) => {
        const c = centroid(o.polygon);
        const lit = o.id === selected || hoveredPair?.a === o.id || hoveredPair?.b === o.id;
        return (
          <g key={o.id} data-testid={`object-${o.label}`}>
            <polygon
              points={o.polygon.map((p) => `${p.x},${p.y}`).join(' ')}
              fill={tint(i)}
              fillOpacity={lit ? 0.55 : 0.3}
              stroke={tint(i)}
              strokeWidth={lit ? stroke * 2.5 : stroke}
              strokeDasharray={o.dynamic ? undefined : `${stroke * 4} ${stroke * 3}`}
              className="object"
              onPointerDown={(e) => {
                select(o.id);
                if (o.dynamic && o.id === selected) setDrag({ id: o.id, from: c, to: toImage(e) });
              }}
            />
            <text x={o.bbox.x} y={Math.max(o.bbox.y - stroke * 4, stroke * 10)} className="label" fontSize={Math.max(12, width / 45)}>
              {o.label} · {o.material.name} · {o.params.mass < 1 ? `${Math.round(o.params.mass * 1000)} g` : `${o.params.mass.toFixed(1)} kg`}
            </text>
            {(o.velocity.x !== 0 || o.velocity.y !== 0) && (
              <line
                x1={c.x}
                y1={c.y}
                x2={c.x + o.velocity.x * ARROW_SECONDS}
                y2={c.y + o.velocity.y * ARROW_SECONDS}
                className="push"
                strokeWidth={stroke * 2}
                markerEnd="url(#arrow)"
              />
            )}
          </g>
        );
      })}
      {scene.interactions.map((it, i) => {
        const a = nameOf(scene, it.a);
        const b = nameOf(scene, it.b);
        if (!a || !b) return null;
        const key = `${it.type}-${it.a}-${it.b}-${it.tStart}`;
        return (
          <g key={key} className={`interaction${hovered === i ? ' interaction--lit' : ''}`}>
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} strokeWidth={stroke} markerEnd="url(#arrow)" />
            <circle cx={(a.x + b.x) / 2} cy={(a.y + b.y) / 2} r={stroke * 3} />
            <text x={(a.x + b.x) / 2 + stroke * 4} y={(a.y + b.y) / 2} fontSize={Math.max(11, width / 60)}>
              {it.tStart.toFixed(2)} s
            </text>
          </g>
        );
      })}
      {box && (
        <rect
          x={Math.min(box.from.x, box.to.x)}
          y={Math.min(box.from.y, box.to.y)}
          width={Math.abs(box.to.x - box.from.x)}
          height={Math.abs(box.to.y - box.from.y)}
          className="draw-box"
          strokeWidth={stroke}
        />
      )}
      {painting && (
        <polyline
          points={painting.map((p) => `${p.x},${p.y}`).join(' ')}
          className={`brush-stroke brush-stroke--${tool === 'brush-add' ? 'add' : 'subtract'}`}
          strokeWidth={radius * 2}
          data-testid="brush-stroke"
        />
      )}
      {brushing && cursor && <circle cx={cursor.x} cy={cursor.y} r={radius} className="brush-cursor" strokeWidth={painting ? 0 : Math.max(1, width / 600)} />}
      {drag && <line x1={drag.from.x} y1={drag.from.y} x2={drag.to.x} y2={drag.to.y} className="push" strokeWidth={stroke * 2} markerEnd="url(#arrow)" />}
    </svg>
  );
}

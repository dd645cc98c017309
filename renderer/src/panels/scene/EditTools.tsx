import { useEffect } from 'react';
import type { Scene } from '../../../../shared/scene/schema';
import { type SceneTool, useScene } from '../../stores/scene';
import { SliderField } from './SliderField';

const TOOLS: Array<{ id: SceneTool; label: string; title: string }> = [
  { id: 'select', label: 'Select', title: 'Select objects, drag a push, click or box to add one' },
  { id: 'brush-add', label: 'Brush: add', title: "Paint onto the selected object's mask" },
  { id: 'brush-subtract', label: 'Brush: erase', title: "Erase from the selected object's mask" },
];

/** A brush that suits the picture: a fortieth of its long side. */
export function defaultBrush(scene: Scene): number {
  return Math.max(2, Math.round(Math.max(scene.image.width, scene.image.height) / 40));
}

export function brushLimits(scene: Scene): { min: number; max: number } {
  return { min: 1, max: Math.max(8, Math.round(Math.max(scene.image.width, scene.image.height) / 4)) };
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range'));
}

/** The overlay's tool (select or brush) and the brush size, with their keys. */
export function EditTools({ scene }: { scene: Scene }) {
  const { tool, setTool, brushRadius, setBrushRadius, selected, editing } = useScene();
  const radius = brushRadius ?? defaultBrush(scene);
  const { min, max } = brushLimits(scene);

  // [ and ] shrink and grow the brush, as in image editors; Escape puts it down. (Letter keys belong to the viewer.)
  useEffect(() => {
    if (tool === 'select') return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        setTool('select');
        return;
      }
      if (e.key !== '[' && e.key !== ']') return;
      e.preventDefault();
      const now = useScene.getState().brushRadius ?? defaultBrush(scene);
      setBrushRadius(Math.min(max, Math.max(min, Math.round(e.key === ']' ? now * 1.25 + 1 : now / 1.25))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool, scene, min, max, setTool, setBrushRadius]);

  return (
    <div className="stack edit-tools">
      <div className="row row--wrap">
        <fieldset className="segmented">
          <legend className="visually-hidden">Overlay tool</legend>
          {TOOLS.map((t) => (
            <button
              key={t.id}
              type="button"
              className={`btn btn--small${tool === t.id ? '' : ' btn--ghost'}`}
              aria-pressed={tool === t.id}
              title={t.title}
              onClick={() => setTool(t.id)}
            >
              {t.label}
            </button>
          ))}
        </fieldset>
        {editing && <span className="small muted">Updating the outline…</span>}
      </div>
      {tool !== 'select' && (
        <>
          <SliderField label="Brush size" value={radius} min={min} max={max} step={1} unit="px" onChange={(v) => setBrushRadius(Math.round(v))} />
          <p className="small muted" data-testid="brush-hint">
            {selected
              ? `Paint in the picture to ${tool === 'brush-add' ? 'add to' : 'erase from'} the selected object. [ and ] change the size; Escape puts the brush down.`
              : 'Select an object in the list first, then paint its mask in the picture.'}
          </p>
        </>
      )}
    </div>
  );
}

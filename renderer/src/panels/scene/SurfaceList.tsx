import { useApi } from '../../api/use-api';
import { useScene } from '../../stores/scene';
import { SliderField } from './SliderField';

/** Support surfaces: move one up or down, remove it, or add one where the photo's support was missed. */
export function SurfaceList() {
  const api = useApi();
  const scene = useScene((s) => s.scene);
  const edit = useScene((s) => s.edit);
  const editLive = useScene((s) => s.editLive);
  if (!scene) return null;
  const { width, height } = scene.image;
  const move = (id: string, y: number) =>
    editLive(api, `surface:${id}`, (s) => ({
      ...s,
      surfaces: s.surfaces.map((x) => {
        if (x.id !== id) return x;
        const dy = y - (x.points[0]?.y ?? y);
        return { ...x, points: x.points.map((p) => ({ x: p.x, y: p.y + dy })), provenance: 'user' as const };
      }),
    }));
  return (
    <section data-testid="surfaces">
      <h3>Surfaces ({scene.surfaces.length})</h3>
      {scene.surfaces.map((surface) => (
        <div key={surface.id} className="row row--wrap surface-row">
          <SliderField
            label={`${surface.kind} height`}
            value={Math.round(height - (surface.points[0]?.y ?? 0))}
            min={0}
            max={height}
            step={1}
            unit="px"
            onChange={(v) => move(surface.id, height - v)}
          />
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() => edit(api, (s) => ({ ...s, surfaces: s.surfaces.filter((x) => x.id !== surface.id) }))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn--small"
        onClick={() =>
          edit(api, (s) => {
            let n = s.surfaces.length + 1;
            while (s.surfaces.some((x) => x.id === `s${n}`)) n++;
            const y = Math.round(height * 0.7);
            return {
              ...s,
              surfaces: [
                ...s.surfaces,
                {
                  id: `s${n}`,
                  kind: 'table',
                  points: [
                    { x: Math.round(width * 0.2), y },
                    { x: Math.round(width * 0.8), y },
                  ],
                  friction: 0.5,
                  restitution: 0.3,
                  provenance: 'user',
                },
              ],
            };
          })
        }
      >
        Add surface
      </button>
    </section>
  );
}

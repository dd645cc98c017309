import { useEffect, useState } from 'react';
import { OBJECT_PRESETS } from '../../../../shared/scene/presets';
import type { Scene, SceneObject } from '../../../../shared/scene/schema';
import { useApi } from '../../api/use-api';
import { useScene } from '../../stores/scene';
import { MaterialPicker } from './MaterialPicker';
import { SliderField } from './SliderField';

/** Masses the log slider spans (1 g to 1 t), widened when an object lies outside. */
const MASS_MIN = 0.001;
const MASS_MAX = 1000;

export function formatMass(kg: number): string {
  if (kg < 1) return `${Number((kg * 1000).toPrecision(3))} g`;
  if (kg >= 1000) return `${Number((kg / 1000).toPrecision(3))} t`;
  return `${Number(kg.toPrecision(3))} kg`;
}

/** The object's name: edited in place, applied on Enter or leaving the field, Escape restores it. */
function NameField({ object }: { object: SceneObject }) {
  const api = useApi();
  const rename = useScene((s) => s.rename);
  const [draft, setDraft] = useState(object.label);
  useEffect(() => setDraft(object.label), [object.label]);
  return (
    <label className="field">
      <span className="small muted">Name</span>
      <input
        type="text"
        className="text-field"
        aria-label="Object name"
        maxLength={100}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => (draft.trim() ? rename(api, object.id, draft) : setDraft(object.label))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (draft.trim()) rename(api, object.id, draft);
            else setDraft(object.label);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            setDraft(object.label);
          }
        }}
      />
    </label>
  );
}

function MergeControl({ object, scene }: { object: SceneObject; scene: Scene }) {
  const api = useApi();
  const { editObject, editing } = useScene();
  const others = scene.objects.filter((o) => o.id !== object.id);
  const [other, setOther] = useState('');
  const target = others.find((o) => o.id === other) ?? others[0];
  if (!target) return null;
  return (
    <div className="row row--wrap merge">
      <label className="field field--inline">
        <span className="small muted">Merge with</span>
        <select aria-label="Object to merge with" value={target.id} onChange={(e) => setOther(e.target.value)}>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label} ({o.id})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn--small"
        disabled={editing}
        title={`Make ${target.label} part of ${object.label}: one mask, one body`}
        onClick={() => void editObject(api, object.id, { kind: 'merge', other: target })}
      >
        Merge
      </button>
    </div>
  );
}

/** Everything about one object: name, behaviour, material, presets, physical parameters, merge and removal. */
export function ObjectEditor({ object, scene }: { object: SceneObject; scene: Scene }) {
  const api = useApi();
  const { edit, editLive, editObject, editing, removeObject } = useScene();
  const pixelsPerMetre = scene.scale.pixelsPerMetre;
  const inObject = (change: (o: SceneObject) => SceneObject) => (s: Scene) => ({ ...s, objects: s.objects.map((o) => (o.id === object.id ? change(o) : o)) });
  const update = (change: (o: SceneObject) => SceneObject) => edit(api, inObject(change));
  const setParam = (key: keyof SceneObject['params'], value: number) =>
    editLive(
      api,
      `${object.id}:${key}`,
      inObject((o) => ({
        ...o,
        // Mass and density move together: the outline's area does not change.
        params: key === 'mass' ? { ...o.params, mass: value, density: (o.params.density * value) / o.params.mass } : { ...o.params, [key]: value },
        provenance: { ...o.provenance, [key]: 'user', ...(key === 'mass' ? { density: 'user' } : {}) },
      })),
    );
  const basis = (object as SceneObject & { estimate?: { basis?: string } }).estimate?.basis;
  return (
    <div className="stack editor" data-testid="object-editor">
      <div className="row row--wrap">
        <NameField key={object.id} object={object} />
        <label className="field">
          <span className="small muted">Behaviour</span>
          <select
            aria-label="Static or dynamic"
            value={object.dynamic ? 'dynamic' : 'static'}
            onChange={(e) => update((o) => ({ ...o, dynamic: e.target.value === 'dynamic', provenance: { ...o.provenance, dynamic: 'user' } }))}
          >
            <option value="dynamic">Dynamic (moves)</option>
            <option value="static">Static (fixed)</option>
          </select>
        </label>
        <MaterialPicker
          value={object.material.name}
          disabled={editing}
          onChoose={(name) => void editObject(api, object.id, { kind: 'material', material: name })}
        />
      </div>
      <fieldset className="presets">
        <legend className="small muted">Preset (sets material, mass, friction, bounciness and drag)</legend>
        <div className="row row--wrap">
          {OBJECT_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="btn btn--small btn--ghost"
              disabled={editing}
              title={`${p.label}: ${p.note}`}
              onClick={() => void editObject(api, object.id, { kind: 'preset', preset: p.id })}
            >
              {p.label}
            </button>
          ))}
        </div>
      </fieldset>
      <SliderField
        label="Mass"
        log
        value={object.params.mass}
        min={Math.min(MASS_MIN, object.params.mass)}
        max={Math.max(MASS_MAX, object.params.mass)}
        step={0.001}
        unit="kg"
        format={formatMass}
        onChange={(v) => setParam('mass', v)}
      />
      {basis && <p className="small muted">Estimated: {basis}</p>}
      <SliderField label="Friction" value={object.params.friction} min={0} max={2} step={0.05} onChange={(v) => setParam('friction', v)} />
      <SliderField label="Bounciness" value={object.params.restitution} min={0} max={1} step={0.05} onChange={(v) => setParam('restitution', v)} />
      <SliderField label="Air drag" value={object.params.linearDamping} min={0} max={5} step={0.05} onChange={(v) => setParam('linearDamping', v)} />
      <SliderField label="Spin drag" value={object.params.angularDamping} min={0} max={5} step={0.05} onChange={(v) => setParam('angularDamping', v)} />
      <p className="small muted">
        Push: {(Math.hypot(object.velocity.x, object.velocity.y) / pixelsPerMetre).toFixed(2)} m/s. Drag from the selected object in the image to push it.
        {(object.velocity.x !== 0 || object.velocity.y !== 0) && (
          <button type="button" className="btn btn--small btn--ghost" onClick={() => update((o) => ({ ...o, velocity: { x: 0, y: 0 } }))}>
            Remove push
          </button>
        )}
      </p>
      <MergeControl object={object} scene={scene} />
      <button type="button" className="btn btn--small btn--ghost" onClick={() => removeObject(api, object.id)} title="Remove (Delete)">
        Remove object
      </button>
      <p className="small muted">
        Sources: material {object.provenance.material ?? '—'}, mass {object.provenance.mass ?? '—'}, label {object.provenance.label ?? '—'}
      </p>
    </div>
  );
}

import { useEffect, useMemo } from 'react';
import type { PackSummary } from '../../../../shared/contract';
import { DEFAULT_INIT_STRENGTH } from '../../../../shared/run/render';
import { useApi } from '../../api/use-api';
import { NumberField } from '../../components/NumberField';
import { useEngine } from '../../stores/engine';
import { useModels, videoPacks } from '../../stores/models';
import { effectiveSettings, useRender } from '../../stores/render';
import { useRun } from '../../stores/run';
import { useUi } from '../../stores/ui';

const SIZES = [256, 320, 384, 448, 512, 576, 640, 704, 768, 832, 896, 960, 1024, 1280];

type Video = NonNullable<PackSummary['video']>;

function sizeOptions(video: Video, current: number): number[] {
  const { min, max, multipleOf } = video.resolution;
  const fit = SIZES.filter((s) => s >= min && s <= max && s % multipleOf === 0);
  return [...new Set([...fit, current])].sort((a, b) => a - b);
}

function frameOptions(video: Video): number[] {
  const out: number[] = [];
  for (let f = video.frames.min; f <= video.frames.max; f++) if ((f - 1) % video.frames.step === 0) out.push(f);
  return out;
}

/**
 * Which provider this pack's renders will use (the first in its try order that the System check
 * found working), the order itself, and what the last render actually ran on, with why.
 */
function ProviderInUse({ pack }: { pack: (PackSummary & { video: Video }) | undefined }) {
  const doctor = useEngine((s) => s.doctor);
  const forced = useModels((s) => s.settings?.provider ?? null);
  const last = useRun((s) => s.run?.render);
  const order = pack?.video.providerOrder ?? [];
  const works = (id: string) => doctor?.providers.some((p) => p.id === id && p.available) ?? false;
  // With no pack chosen yet, the provider a render would start on is the one the System check found active.
  const expected = !doctor ? 'checking…' : order.length > 0 ? (order.find(works) ?? 'none that works') : (doctor.activeProvider ?? 'none that works');
  return (
    <dl className="facts">
      <dt>Execution provider</dt>
      <dd data-testid="render-provider">
        {expected}
        {forced && expected !== forced && ` (${forced} is forced in the models manager but does not work here)`}
        {forced && expected === forced && ' (forced in the models manager)'}
        {order.length > 1 && <span className="muted small"> · tries {order.join(' → ')}</span>}
        {!pack && doctor && <span className="muted small"> · as in Help › System; a pack may name its own order</span>}
        {last && (
          <span className="muted small">
            {' '}
            · last render ran on {last.provider}
            {last.fallbacks.length > 0 && ` (${last.fallbacks.join('; ')})`}
          </span>
        )}
      </dd>
    </dl>
  );
}

function PackSettings({ pack }: { pack: PackSummary & { video: Video } }) {
  const saved = useRender((s) => s.byPack[pack.id]);
  const settings = useMemo(() => effectiveSettings(pack, saved), [pack, saved]);
  const update = useRender((s) => s.update);
  const seed = useRun((s) => s.settings.seed);
  const setRunSettings = useRun((s) => s.setSettings);
  if (!settings) return null;
  const { video } = pack;
  const accepts = (c: string) => video.conditions.includes(c);
  const set = (patch: Parameters<typeof update>[1]) => update(pack, patch);
  return (
    <div className="stack">
      <label className="field">
        <span>Size (long side)</span>
        <select value={settings.size} onChange={(e) => set({ size: Number(e.target.value) })} data-testid="render-size">
          {sizeOptions(video, settings.size).map((s) => (
            <option key={s} value={s}>
              {s} px
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Frames</span>
        <select value={settings.frames} onChange={(e) => set({ frames: Number(e.target.value) })} data-testid="render-frames">
          {frameOptions(video).map((f) => (
            <option key={f} value={f}>
              {f} ({((f - 1) / video.fps).toFixed(1)} s at {video.fps} fps)
            </option>
          ))}
        </select>
      </label>
      <NumberField label="Steps" value={settings.steps} min={1} max={200} step={1} integer testId="render-steps" onChange={(steps) => set({ steps })} />
      <NumberField label="Guidance" value={settings.guidance} min={0} max={50} step={0.5} onChange={(guidance) => set({ guidance })} />
      <NumberField label="Seed (both clips)" value={seed} min={0} max={2 ** 31 - 1} step={1} integer onChange={(s) => setRunSettings({ seed: s })} />
      <label className="field">
        <span>Negative prompt</span>
        <textarea
          rows={2}
          value={settings.negativePrompt}
          maxLength={2000}
          onChange={(e) => set({ negativePrompt: e.target.value })}
          placeholder="What neither clip should show"
        />
      </label>
      <fieldset className="stack">
        <legend className="section-title">Physics conditioning (physics clip only)</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.physicsTokens && accepts('physicsTokens')}
            disabled={!accepts('physicsTokens')}
            onChange={(e) => set({ physicsTokens: e.target.checked })}
          />{' '}
          Physics tokens (the scene’s PhysEncoder embedding){!accepts('physicsTokens') && ' — this pack does not take them'}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.trajectories && accepts('trajectories')}
            disabled={!accepts('trajectories')}
            onChange={(e) => set({ trajectories: e.target.checked })}
          />{' '}
          Simulated object paths{!accepts('trajectories') && ' — this pack does not take trajectories'}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.initStrength !== null && accepts('initVideo')}
            disabled={!accepts('initVideo')}
            onChange={(e) => set({ initStrength: e.target.checked ? DEFAULT_INIT_STRENGTH : null })}
            data-testid="render-sdedit"
          />{' '}
          Start from the physics preview (SDEdit){!accepts('initVideo') && ' — this pack cannot encode video'}
        </label>
        {settings.initStrength !== null && accepts('initVideo') && (
          <label className="field">
            <span>SDEdit strength {settings.initStrength.toFixed(2)}</span>
            <input
              type="range"
              min={0.05}
              max={1}
              step={0.05}
              value={settings.initStrength}
              onChange={(e) => set({ initStrength: Number(e.target.value) })}
              aria-label="SDEdit strength"
            />
            <span className="muted small">Lower keeps more of the simulated motion; 1 starts from noise.</span>
          </label>
        )}
      </fieldset>
    </div>
  );
}

/** The render tier: a video model from a model pack, on the best execution provider there is. */
export function RenderTierSettings() {
  const api = useApi();
  const packs = useModels((s) => s.packs);
  const load = useModels((s) => s.load);
  const packId = useRender((s) => s.packId);
  const choosePack = useRender((s) => s.choosePack);
  const openModels = useUi((s) => s.openModels);
  useEffect(() => {
    void load(api);
  }, [api, load]);
  const videos = videoPacks(packs);
  const pack = videos.find((p) => p.id === packId) ?? videos[0];
  return (
    <fieldset className="stack render-settings">
      <legend className="section-title">Render tier (neural video model)</legend>
      {videos.length === 0 ? (
        <p className="empty small" data-testid="render-no-pack">
          Rendering needs a video-generator model pack. Import one in the models manager (nothing is downloaded); the preview tier needs none.
        </p>
      ) : (
        <label className="field">
          <span>Model pack</span>
          <select
            value={pack?.id}
            onChange={(e) => {
              const chosen = videos.find((p) => p.id === e.target.value);
              if (chosen) choosePack(chosen);
            }}
            data-testid="render-pack"
          >
            {videos.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} {p.version} ({p.verification})
              </option>
            ))}
          </select>
        </label>
      )}
      <ProviderInUse pack={pack?.video ? (pack as PackSummary & { video: Video }) : undefined} />
      {pack?.video && <PackSettings pack={pack as PackSummary & { video: Video }} />}
      <button type="button" className="btn btn--ghost btn--small" onClick={openModels}>
        Manage model packs…
      </button>
    </fieldset>
  );
}

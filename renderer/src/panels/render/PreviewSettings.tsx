import { PREVIEW_LIMITS } from '../../../../shared/run/schema';
import { useRun } from '../../stores/run';

const SIZES = [256, 384, 512, 768, 1024];

/** Settings of the built-in preview tier; both clips always share them. */
export function PreviewSettings() {
  const settings = useRun((s) => s.settings);
  const set = useRun((s) => s.setSettings);
  return (
    <fieldset className="stack preview-settings">
      <legend className="section-title">Preview tier (built in)</legend>
      <label className="field">
        <span>Size (long side)</span>
        <select value={settings.size} onChange={(e) => set({ size: Number(e.target.value) })} data-testid="setting-size">
          {SIZES.map((s) => (
            <option key={s} value={s}>
              {s} px
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Seconds</span>
        <input
          type="number"
          min={PREVIEW_LIMITS.seconds.min}
          max={PREVIEW_LIMITS.seconds.max}
          step={0.5}
          value={settings.seconds}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v > 0) set({ seconds: Math.min(PREVIEW_LIMITS.seconds.max, Math.max(PREVIEW_LIMITS.seconds.min, v)) });
          }}
          data-testid="setting-seconds"
        />
      </label>
      <label className="field">
        <span>Frame rate</span>
        <select value={settings.fps} onChange={(e) => set({ fps: Number(e.target.value) })}>
          {[12, 15, 24, 25, 30].map((f) => (
            <option key={f} value={f}>
              {f} fps
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Seed</span>
        <span className="row">
          <input
            type="number"
            min={0}
            step={1}
            value={settings.seed}
            onChange={(e) => {
              const v = Math.trunc(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0) set({ seed: Math.min(2 ** 31 - 1, v) });
            }}
          />
          <button type="button" className="btn btn--small btn--ghost" onClick={() => set({ seed: Math.floor(Math.random() * 100_000) })}>
            New seed
          </button>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.shadows} onChange={(e) => set({ shadows: e.target.checked })} /> Contact shadows
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.motionBlur} onChange={(e) => set({ motionBlur: e.target.checked })} /> Motion blur
      </label>
    </fieldset>
  );
}

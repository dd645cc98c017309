import { useRef, useState } from 'react';
import type { Stream } from '../../../shared/contract';
import { exportFileName } from '../../../shared/run/export-name';
import { useApi } from '../api/use-api';
import { SidecarButton } from '../components/SidecarButton';
import { PRESETS, type Preset } from '../media/compose';
import { useRun } from '../stores/run';

type Format = 'mp4' | 'webm' | 'gif' | 'png' | 'sidecar';

const ITEMS: Array<{ label: string; format: Format; which: Stream }> = [
  { label: 'Side-by-side MP4 (labelled)', format: 'mp4', which: 'composite' },
  { label: 'Physics clip MP4', format: 'mp4', which: 'physics' },
  { label: 'Baseline clip MP4', format: 'mp4', which: 'baseline' },
  { label: 'Side-by-side WebM', format: 'webm', which: 'composite' },
  { label: 'Physics clip WebM', format: 'webm', which: 'physics' },
  { label: 'Baseline clip WebM', format: 'webm', which: 'baseline' },
  { label: 'Side-by-side GIF', format: 'gif', which: 'composite' },
  { label: 'Physics clip GIF', format: 'gif', which: 'physics' },
  { label: 'Baseline clip GIF', format: 'gif', which: 'baseline' },
  { label: 'Physics clip PNG sequence', format: 'png', which: 'physics' },
  { label: 'Baseline clip PNG sequence', format: 'png', which: 'baseline' },
  { label: 'Sidecar JSON (reproduces the run)', format: 'sidecar', which: 'physics' },
];

const PRESET_KEY = 'physstudio.exportPreset';

function savedPreset(): Preset {
  const p = localStorage.getItem(PRESET_KEY);
  return p === 'small' || p === 'master' ? p : 'web';
}

export function ExportMenu() {
  const api = useApi();
  const run = useRun((s) => s.run);
  const exportAs = useRun((s) => s.exportAs);
  const details = useRef<HTMLDetailsElement>(null);
  const [preset, setPreset] = useState<Preset>(savedPreset);
  return (
    <details className="menu-button" ref={details}>
      <summary className="btn btn--small" data-testid="export-menu">
        Export…
      </summary>
      <div className="menu-button__list">
        <label className="field field--inline">
          <span>Quality</span>
          <select
            value={preset}
            onChange={(e) => {
              const p = e.target.value as Preset;
              setPreset(p);
              localStorage.setItem(PRESET_KEY, p);
            }}
            data-testid="export-preset"
          >
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}: {p.hint}
              </option>
            ))}
          </select>
        </label>
        <ul>
          {ITEMS.map((item) => (
            <li key={item.label}>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                title={run && item.format !== 'png' && item.format !== 'sidecar' ? `Saves ${exportFileName(run, item.which, item.format, preset)}` : undefined}
                onClick={() => {
                  details.current?.removeAttribute('open');
                  void exportAs(api, item.format, item.which, preset);
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
          <li>
            <SidecarButton onPicked={() => details.current?.removeAttribute('open')} />
          </li>
        </ul>
      </div>
    </details>
  );
}

import { useRef } from 'react';
import type { Stream } from '../../../shared/contract';
import { useApi } from '../api/use-api';
import { SidecarButton } from '../components/SidecarButton';
import { useRun } from '../stores/run';

const ITEMS: Array<{ label: string; format: 'mp4' | 'webm' | 'gif' | 'png' | 'sidecar'; which: Stream }> = [
  { label: 'Side-by-side MP4 (labelled)', format: 'mp4', which: 'composite' },
  { label: 'Physics clip MP4', format: 'mp4', which: 'physics' },
  { label: 'Baseline clip MP4', format: 'mp4', which: 'baseline' },
  { label: 'Physics clip WebM', format: 'webm', which: 'physics' },
  { label: 'Baseline clip WebM', format: 'webm', which: 'baseline' },
  { label: 'Side-by-side GIF', format: 'gif', which: 'composite' },
  { label: 'Physics clip GIF', format: 'gif', which: 'physics' },
  { label: 'Physics clip PNG sequence', format: 'png', which: 'physics' },
  { label: 'Baseline clip PNG sequence', format: 'png', which: 'baseline' },
  { label: 'Sidecar JSON (reproduces the run)', format: 'sidecar', which: 'physics' },
];

export function ExportMenu() {
  const api = useApi();
  const exportAs = useRun((s) => s.exportAs);
  const details = useRef<HTMLDetailsElement>(null);
  return (
    <details className="menu-button" ref={details}>
      <summary className="btn btn--small" data-testid="export-menu">
        Export…
      </summary>
      <ul className="menu-button__list">
        {ITEMS.map((item) => (
          <li key={item.label}>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => {
                details.current?.removeAttribute('open');
                void exportAs(api, item.format, item.which);
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
    </details>
  );
}

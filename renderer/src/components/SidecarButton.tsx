import { useRef } from 'react';
import { useApi } from '../api/use-api';
import { useRun } from '../stores/run';

/** "Open sidecar…": runs an exported sidecar's inputs again and says whether every frame matches. */
export function SidecarButton({ onPicked, className = 'btn btn--ghost btn--small' }: { onPicked?: () => void; className?: string }) {
  const api = useApi();
  const reproduce = useRun((s) => s.reproduce);
  const file = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} onClick={() => file.current?.click()} title="Reproduce a run from its exported sidecar JSON">
        Open sidecar…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Sidecar file"
        data-testid="sidecar-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          onPicked?.();
          if (f) void reproduce(api, f);
          e.target.value = '';
        }}
      />
    </>
  );
}

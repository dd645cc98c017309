import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchSummary } from '../../../shared/contract';
import type { Clip, Run } from '../../../shared/run/schema';
import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { reportError } from '../stores/notices';
import { useBatchImage } from './use-batch-image';

type Choice = 'baseline' | 'physics' | 'tie' | 'skip';

/** Keys of the judging view. Letters and digits both, so either hand can stay on the keyboard. */
export const JUDGE_KEYS: Record<string, Choice | 'back'> = {
  b: 'baseline',
  '1': 'baseline',
  ArrowLeft: 'baseline',
  p: 'physics',
  '2': 'physics',
  ArrowRight: 'physics',
  t: 'tie',
  '3': 'tie',
  s: 'skip',
  '0': 'skip',
  ' ': 'skip',
  Backspace: 'back',
  u: 'back',
};

const caseOf = (run: Run) => run.input.name.split('/').pop() ?? '';

function video(clip: Clip): string | null {
  const file = clip.media.webm ?? clip.media.mp4;
  return file ? mediaUrl(file) : null;
}

function Side({ batchId, run, which, hidden }: { batchId: string; run: Run; which: 'baseline' | 'physics'; hidden?: boolean }) {
  const clip = run.clips[which];
  const sheet = useBatchImage(batchId, `cases/${caseOf(run)}/${which}-sheet.png`);
  const src = video(clip);
  if (hidden)
    return (
      <div hidden>
        {src && <video src={src} preload="auto" muted />}
        {sheet && <img src={sheet} alt="" />}
      </div>
    );
  return (
    <figure className="judge__side" data-testid={`judge-${which}`}>
      {/* No scores here: a person's judgement must not lean on the machine's. */}
      <figcaption>
        <strong>{which === 'baseline' ? 'Baseline' : 'Physics-conditioned'}</strong>
      </figcaption>
      {src ? (
        <video src={src} poster={mediaUrl(clip.media.poster)} autoPlay loop muted playsInline />
      ) : (
        <img src={mediaUrl(clip.media.poster)} alt={`${which} poster`} />
      )}
      {sheet && <img className="judge__sheet" src={sheet} alt={`${which} contact sheet`} />}
      <p className="small judge__prompt">{clip.prompt}</p>
    </figure>
  );
}

/**
 * One pair at a time: baseline and physics clip side by side, with their contact sheets. Keys
 * judge it (b / p / t, or 1 / 2 / 3, or ← / →), s or space skips, Backspace goes back. The next
 * pair's clips and sheets are loaded while this one is judged, so the next appears at once.
 */
export function JudgeView({ batch }: { batch: BatchSummary }) {
  const api = useApi();
  const ids = batch.runIds;
  const [index, setIndex] = useState<number | null>(null);
  const [runs, setRuns] = useState<Map<string, Run>>(new Map());
  const [judged, setJudged] = useState(0);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLElement>(null);

  // Start at the first pair nobody has judged.
  useEffect(() => {
    let live = true;
    void api['batches.runs']({ id: batch.id })
      .then((all) => {
        const pref = new Map(all.map((r) => [r.id, r.preference ?? null]));
        if (!live) return;
        const first = ids.findIndex((id) => !pref.get(id));
        setJudged(ids.filter((id) => pref.get(id)).length);
        setIndex(first < 0 ? ids.length : first);
      })
      .catch(() => live && setIndex(0));
    return () => {
      live = false;
    };
  }, [api, ids, batch.id]);

  const fetchRun = useCallback(
    (id: string | undefined) => {
      if (!id || runs.has(id)) return;
      void api['runs.get']({ id })
        .then((run) => setRuns((m) => new Map(m).set(id, run)))
        .catch((err) => reportError('Could not open a pair', err));
    },
    [api, runs],
  );
  useEffect(() => {
    if (index === null) return;
    fetchRun(ids[index]);
    fetchRun(ids[index + 1]);
  }, [index, ids, fetchRun]);
  useEffect(() => root.current?.focus(), []);

  const current = index === null ? undefined : runs.get(ids[index] ?? '');
  const next = index === null ? undefined : runs.get(ids[index + 1] ?? '');

  const choose = async (choice: Choice | 'back') => {
    if (index === null || busy) return;
    if (choice === 'back') return setIndex(Math.max(0, index - 1));
    if (!current) return;
    if (choice !== 'skip') {
      setBusy(true);
      try {
        const was = current.preference;
        const saved = await api['runs.prefer']({ runId: current.id, preference: choice });
        setRuns((m) => new Map(m).set(saved.id, saved));
        if (!was) setJudged((n) => n + 1);
      } catch (err) {
        reportError('The judgement was not saved', err);
        return;
      } finally {
        setBusy(false);
      }
    }
    setIndex(index + 1);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = JUDGE_KEYS[e.key];
    if (!action) return;
    e.preventDefault();
    void choose(action);
  };

  return (
    <section ref={root} className="judge" tabIndex={-1} onKeyDown={onKey} aria-label="Judge pairs" data-testid="judge">
      <p className="small" data-testid="judge-status">
        {index === null ? 'Loading…' : index >= ids.length ? `All ${ids.length} pairs seen` : `Pair ${index + 1} of ${ids.length}`} · {judged} judged
      </p>
      <div className="row judge__keys">
        <button type="button" className="btn btn--small" onClick={() => void choose('baseline')} disabled={busy || !current}>
          <kbd>B</kbd> Baseline better
        </button>
        <button type="button" className="btn btn--small" onClick={() => void choose('physics')} disabled={busy || !current}>
          <kbd>P</kbd> Physics better
        </button>
        <button type="button" className="btn btn--small" onClick={() => void choose('tie')} disabled={busy || !current}>
          <kbd>T</kbd> Tie
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => void choose('skip')} disabled={busy || !current}>
          <kbd>S</kbd> Skip
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => void choose('back')} disabled={!index}>
          <kbd>⌫</kbd> Back
        </button>
      </div>
      {index !== null && index >= ids.length ? (
        <div className="stack">
          <p>Every pair of this batch has been seen. Judged pairs become rows of a preference dataset:</p>
          <pre className="small wrap">physstudio dataset "{batch.dir}" --out &lt;new folder&gt; --margin 25</pre>
          <button type="button" className="btn btn--small" onClick={() => setIndex(0)}>
            Start again
          </button>
        </div>
      ) : current ? (
        <>
          <p className="judge__case">
            <strong>{caseOf(current)}</strong> · “{current.input.prompt}”
            {current.preference && <span className="muted small"> · judged: {current.preference}</span>}
          </p>
          <div className="judge__pair" data-run={current.id}>
            <Side batchId={batch.id} run={current} which="baseline" />
            <Side batchId={batch.id} run={current} which="physics" />
          </div>
          {next && (
            <>
              <Side batchId={batch.id} run={next} which="baseline" hidden />
              <Side batchId={batch.id} run={next} which="physics" hidden />
            </>
          )}
        </>
      ) : (
        <p className="muted">Loading the pair…</p>
      )}
    </section>
  );
}

import { useApi } from '../api/use-api';
import { useJudge } from '../stores/judge';
import { EvaluationCard } from '../viewer/EvaluationCard';

const VIDEO_TYPES = 'video/mp4,video/webm,.mp4,.webm';

/**
 * "Evaluate any clip": drop an MP4 or WebM from any generator (and, if you have it, the image it
 * started from) and get the same physics breakdown the app's own clips get.
 */
export function EvaluateClip() {
  const api = useApi();
  const { video, firstFrame, prompt, busy, error, result, setVideo, setFirstFrame, setPrompt, take, evaluate } = useJudge();
  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    take(Array.from(e.dataTransfer.files));
  };
  return (
    <section
      className="panel-section evaluate-clip"
      aria-label="Evaluate any clip"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      data-testid="evaluate-clip"
    >
      <h3 className="section-title">Evaluate any clip</h3>
      <p className="small muted">
        Drop an MP4 or WebM from any generator, with its first-frame image if you have it. It is judged from its pixels by the same checks.
      </p>
      <label className="field">
        <span>Video (MP4 or WebM)</span>
        <input type="file" accept={VIDEO_TYPES} data-testid="evaluate-video" onChange={(e) => setVideo(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field">
        <span>First-frame image (optional)</span>
        <input type="file" accept="image/png,image/jpeg,image/webp" data-testid="evaluate-image" onChange={(e) => setFirstFrame(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field">
        <span>What it should show</span>
        <input
          type="text"
          value={prompt}
          placeholder="e.g. the ball rolls off the table"
          data-testid="evaluate-prompt"
          onChange={(e) => setPrompt(e.target.value)}
        />
      </label>
      <button type="button" className="btn" disabled={!video || busy} onClick={() => void evaluate(api)} data-testid="evaluate-run">
        {busy ? 'Judging…' : `Evaluate${video ? ` ${video.name}` : ''}`}
      </button>
      {video && (
        <p className="small" data-testid="evaluate-chosen">
          Video: {video.name}
          {firstFrame ? ` · first frame: ${firstFrame.name}` : ''}
        </p>
      )}
      {!firstFrame && video && <p className="small muted">Objects will be found in the video's own first frame.</p>}
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error.message}</p>
          {error.hint && <p className="small">{error.hint}</p>}
        </div>
      )}
      {result && (
        <div className="stack" data-testid="evaluate-result">
          <p className="small">{result.name}</p>
          <EvaluationCard evaluation={result.evaluation} testId="evaluation-dropped" />
          <ul className="small muted motion-notes">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

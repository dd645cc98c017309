import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/use-api';
import { DRAWN_LABEL, MAX_PROMPT_CHARS, useInput } from '../stores/input';
import { isVideoFile, useJudge } from '../stores/judge';
import { reportError, useNotices } from '../stores/notices';
import { useScene } from '../stores/scene';
import { useUi } from '../stores/ui';
import { ImageInputError, readImageFile } from './image-file';
import { Samples } from './Samples';

/**
 * A video dropped where pictures go is a clip to judge: it goes to "Evaluate any clip" in the
 * Metrics tab (with an image dropped alongside as its first frame), not to perception.
 */
function judgeDropped(files: File[]): void {
  const judge = useJudge.getState();
  judge.take(files);
  if (!judge.prompt.trim() && useInput.getState().prompt.trim()) judge.setPrompt(useInput.getState().prompt);
  useUi.getState().setTab('metrics');
  requestAnimationFrame(() => document.querySelector('[data-testid="evaluate-clip"]')?.scrollIntoView({ block: 'nearest' }));
}

function useImageIntake() {
  const api = useApi();
  const setImage = useInput((s) => s.setImage);
  return useCallback(
    async (file: File | undefined | null) => {
      if (!file) return;
      try {
        setImage(await readImageFile(file));
        useUi.getState().setTab('scene');
        useUi.getState().setCentre('scene');
        void useScene.getState().perceive(api, file, useInput.getState().prompt);
      } catch (err) {
        if (err instanceof ImageInputError)
          useNotices.getState().push({ kind: 'error', title: 'Image not loaded', message: err.message, hint: 'Try a PNG, JPEG or WebP photo.' });
        else reportError('Image not loaded', err);
      }
    },
    [api, setImage],
  );
}

function DropZone() {
  const image = useInput((s) => s.image);
  const setImage = useInput((s) => s.setImage);
  const intake = useImageIntake();
  const fileInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  // Paste anywhere in the window, unless the user is typing into a field.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
      const file = Array.from(event.clipboardData?.files ?? []).find((f) => f.type.startsWith('image/'));
      if (file) {
        event.preventDefault();
        void intake(file);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [intake]);

  return (
    <section aria-labelledby="input-image-title" className="panel-section">
      <h2 id="input-image-title" className="section-title">
        Image
      </h2>
      <section
        aria-label="Image drop zone"
        className={`dropzone${over ? ' dropzone--over' : ''}${image ? ' dropzone--filled' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = Array.from(e.dataTransfer.files);
          if (files.some(isVideoFile)) judgeDropped(files);
          else void intake(files[0]);
        }}
      >
        {image ? (
          <figure className="dropzone__figure">
            <img src={image.url} alt={image.drawnFrom !== undefined ? `Input: ${DRAWN_LABEL}` : `Input: ${image.name}`} className="dropzone__image" />
            <figcaption className="muted">
              {image.drawnFrom !== undefined ? DRAWN_LABEL : image.name} · {image.width}×{image.height}
            </figcaption>
          </figure>
        ) : (
          <p className="empty">
            Drop a photo here, paste one (Ctrl+V), or open a file. The physics encoder will find the objects in it and predict how they move. No photo? Type a
            prompt and press Generate: a simple scene is drawn from it.
          </p>
        )}
        <div className="row">
          <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
            Open image…
          </button>
          {image && (
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => {
                setImage(null);
                useScene.getState().clear();
              }}
            >
              Remove
            </button>
          )}
        </div>
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            void intake(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </section>
    </section>
  );
}

function PromptEditor() {
  const prompt = useInput((s) => s.prompt);
  const setPrompt = useInput((s) => s.setPrompt);
  const words = prompt.trim() ? prompt.trim().split(/\s+/).length : 0;
  return (
    <section aria-labelledby="prompt-title" className="panel-section">
      <h2 id="prompt-title" className="section-title">
        Prompt
      </h2>
      <textarea
        className="prompt"
        value={prompt}
        maxLength={MAX_PROMPT_CHARS}
        placeholder="Describe what should happen, e.g. “a rubber ball rolls off the table and bounces on the floor”"
        aria-label="Prompt"
        onChange={(e) => {
          setPrompt(e.target.value);
          // With no image yet, the prompt's reasoning is the most useful thing to show.
          const ui = useUi.getState();
          if (!useInput.getState().image && ui.inspectorTab === 'scene') ui.setTab('prompt');
        }}
        rows={5}
      />
      <p className="muted small" aria-live="polite">
        {words} {words === 1 ? 'word' : 'words'}
      </p>
    </section>
  );
}

export function InputPanel() {
  return (
    <aside className="column column--input" aria-label="Input">
      <DropZone />
      <PromptEditor />
      <Samples />
    </aside>
  );
}

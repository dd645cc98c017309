import { lazy, Suspense, useEffect } from 'react';
import type { ApiHost } from './api/client';
import { useApi } from './api/use-api';
import { useBatches } from './batch/store';
import { ComparePanel } from './components/ComparePanel';
import { onFullScreenExit } from './components/fullscreen';
import { InputPanel } from './components/InputPanel';
import { Inspector } from './components/Inspector';
import { Notices } from './components/Notices';
import { QueueStrip } from './components/QueueStrip';
import { StatusBar } from './components/StatusBar';
import { useEngine } from './stores/engine';
import { useInput } from './stores/input';
import { useJobs } from './stores/jobs';
import { useModels } from './stores/models';
import { useNotices } from './stores/notices';
import { useRefine } from './stores/refine';
import { useRender } from './stores/render';
import { useRun } from './stores/run';
import { useScene } from './stores/scene';
import { useUi } from './stores/ui';

// The System panel is not needed for first paint; keep it out of the initial bundle.
const SystemPanel = lazy(() => import('./panels/SystemPanel'));
const ModelsManager = lazy(() => import('./panels/models/ModelsManager'));
const BatchesDialog = lazy(() => import('./batch/BatchesDialog'));

function useEngineEvents() {
  const api = useApi();
  useEffect(() => {
    const offs = [
      api.on('job.progress', (p) => useJobs.getState().progress(p)),
      api.on('refine.token', ({ jobId, text }) => useRefine.getState().appendStream(jobId, text)),
      api.on('render.step', (step) => useRender.getState().step(step)),
      api.on('engine.status', (status) => {
        const previous = useEngine.getState().status;
        useEngine.getState().setStatus(status);
        if (status.state === 'crashed') {
          useNotices.getState().push({
            kind: 'error',
            title: 'The engine stopped',
            message: status.reason ?? 'The engine process exited unexpectedly.',
            hint: 'It is restarting; steps that were running must be started again.',
          });
        } else if (status.state === 'ready' && (previous.state === 'crashed' || previous.state === 'stopped')) {
          useNotices.getState().push({ kind: 'info', title: 'Engine restarted', message: 'You can continue.' });
        } else if (status.state === 'stopped' && status.reason) {
          useNotices
            .getState()
            .push({ kind: 'error', title: 'The engine is stopped', message: status.reason, hint: 'Use “Restart engine” in the status bar to try now.' });
        }
      }),
      api.on('ui.command', ({ command }) => {
        const ui = useUi.getState();
        if (command === 'open-system') ui.openSystem();
        else if (command === 'open-models') ui.openModels();
        else if (command === 'toggle-demo') ui.toggleDemo();
      }),
    ];
    void useEngine.getState().refreshDoctor(api);
    void useRefine.getState().loadTargets(api);
    void useRun.getState().refreshHistory(api);
    void useModels.getState().load(api);
    return () => {
      for (const off of offs) off();
    };
  }, [api]);
}

const REFINE_DEBOUNCE_MS = 250;

/** Keys that edit text belong to the field being typed in. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range'));
}

/** Live refinement as the user types: debounced, and each new request supersedes the last. */
function useLiveRefine() {
  const api = useApi();
  const prompt = useInput((s) => s.prompt);
  useEffect(() => {
    const { pinned } = useRefine.getState();
    if (pinned !== null) {
      if (pinned === prompt) return;
      useRefine.setState({ pinned: null });
    }
    if (!prompt.trim()) {
      useRefine.getState().clear();
      return;
    }
    // The built-in refiner is instant; a local LLM is asked only when typing pauses for longer.
    const delay = useRefine.getState().backend === 'llm' ? REFINE_DEBOUNCE_MS * 4 : REFINE_DEBOUNCE_MS;
    const timer = setTimeout(() => {
      if (useRefine.getState().pinned !== prompt) void useRefine.getState().refine(api, prompt, false);
    }, delay);
    return () => clearTimeout(timer);
  }, [api, prompt]);
}

function useShortcuts() {
  const api = useApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        useUi.getState().openSystem();
      } else if (e.key === 'F11' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        useUi.getState().toggleDemo();
      } else if (e.key === 'Delete' && !isTyping(e.target)) {
        const { selected, removeObject } = useScene.getState();
        if (selected) removeObject(api, selected);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        if (!useRun.getState().busy) void useRun.getState().generate(api);
      } else if (e.key === 'Escape' && useUi.getState().demo) {
        useUi.getState().leaveDemo();
      } else if ((e.ctrlKey || e.metaKey) && (e.key.toLowerCase() === 'z' || e.key.toLowerCase() === 'y')) {
        // Text fields keep their own undo; elsewhere it undoes scene edits. Ctrl+Y redoes, as on Windows.
        if (isTyping(e.target)) return;
        e.preventDefault();
        if (e.shiftKey || e.key.toLowerCase() === 'y') useScene.getState().redo(api);
        else useScene.getState().undo(api);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}

/** Leaving full screen (Esc, or the browser's own control) leaves demo mode too. */
function useDemoFullScreen() {
  useEffect(
    () =>
      onFullScreenExit(() => {
        if (useUi.getState().demo) useUi.getState().leaveDemo();
      }),
    [],
  );
}

export function App({ host }: { host: ApiHost }) {
  useEngineEvents();
  useLiveRefine();
  useShortcuts();
  useDemoFullScreen();
  const openSystem = useUi((s) => s.openSystem);
  const demo = useUi((s) => s.demo);
  const systemOpen = useUi((s) => s.systemOpen);
  const modelsOpen = useUi((s) => s.modelsOpen);
  const batchesOpen = useBatches((s) => s.open);
  return (
    <div className={`app${demo ? ' app--demo' : ''}`} data-testid="app">
      <header className="topbar">
        <h1 className="brand">
          Phys<span>Studio</span>
        </h1>
        <nav className="menu" aria-label="Main menu">
          <button type="button" className="btn btn--ghost btn--small" onClick={() => useUi.getState().toggleDemo()} aria-pressed={demo}>
            Demo mode
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => useBatches.getState().show()} data-testid="open-batches">
            Batches
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => useUi.getState().openModels()} data-testid="open-models">
            Model packs
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={openSystem} data-testid="open-system">
            Help › System
          </button>
        </nav>
      </header>
      <div className="workspace">
        <InputPanel />
        <ComparePanel />
        <Inspector />
      </div>
      <QueueStrip />
      <StatusBar host={host} />
      <Notices />
      {systemOpen && (
        <Suspense fallback={null}>
          <SystemPanel />
        </Suspense>
      )}
      {modelsOpen && (
        <Suspense fallback={null}>
          <ModelsManager />
        </Suspense>
      )}
      {batchesOpen && (
        <Suspense fallback={null}>
          <BatchesDialog />
        </Suspense>
      )}
    </div>
  );
}

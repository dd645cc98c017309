import { create } from 'zustand';
import type { AppErrorData, ObjectEdit, Perception, PhysStudioApi } from '../../../shared/contract';
import { replaceObject } from '../../../shared/scene/mask-edit';
import type { Scene } from '../../../shared/scene/schema';
import { toBase64 } from '../api/base64';
import { useJobs } from './jobs';
import { errorData, reportError } from './notices';

const MAX_HISTORY = 100;
const SIMULATE_DEBOUNCE_MS = 60;
/** Changes to one control within this long of each other are one step of undo (a slider drag, typing a number). */
const COALESCE_MS = 1000;

export type SceneTool = 'select' | 'brush-add' | 'brush-subtract';

interface SceneState {
  imagePath: string | null;
  scene: Scene | null;
  notices: string[];
  timings: Perception['timings'] | null;
  busy: boolean;
  error: AppErrorData | null;
  selected: string | null;
  hovered: number | null;
  /** Increments each time interactions are recomputed, so the UI can show they are fresh. */
  revision: number;
  simulateMs: number | null;
  /** The interactions shown come from the nominal rollout; their confidences are being computed. */
  confidencePending: boolean;
  past: Scene[];
  future: Scene[];
  perceive(api: PhysStudioApi, file: File, prompt: string): Promise<void>;
  /** Perceives the imported image again from a downscaled copy (after an image-too-large error). */
  perceiveDownscaled(api: PhysStudioApi, prompt: string): Promise<void>;
  edit(api: PhysStudioApi, change: (scene: Scene) => Scene): void;
  /** Adds the object at a click or inside a drawn box (grabCut in the engine). */
  addObject(
    api: PhysStudioApi,
    seed: { point: { x: number; y: number } } | { box: { x: number; y: number; w: number; h: number } },
    label?: string,
  ): Promise<void>;
  removeObject(api: PhysStudioApi, id: string): void;
  undo(api: PhysStudioApi): void;
  redo(api: PhysStudioApi): void;
  select(id: string | null): void;
  hover(index: number | null): void;
  /**
   * `edit`, for one control that changes continuously (a slider drag, typing a number): changes
   * with the same `key` in quick succession, with no other edit between, are one undo step.
   */
  editLive(api: PhysStudioApi, key: string, change: (scene: Scene) => Scene): void;
  /** Brush, merge, material or preset: the engine recomputes the object's outline and mass; undoable. */
  editObject(api: PhysStudioApi, id: string, edit: ObjectEdit): Promise<boolean>;
  rename(api: PhysStudioApi, id: string, label: string): void;
  /** What a press on the overlay does: select and push, or paint the selected object's mask. */
  tool: SceneTool;
  /** Brush radius in image pixels; null until chosen (then a size that suits the image). */
  brushRadius: number | null;
  /** An object edit is running in the engine. */
  editing: boolean;
  setTool(tool: SceneTool): void;
  setBrushRadius(radius: number): void;
  clear(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let simulation = 0;
/** The last live edit: its control, when, and the scene it made (any other change since breaks the run). */
let live: { key: string; at: number; scene: Scene } | null = null;
let lastEditNotice: string | null = null;
let edits: Promise<unknown> = Promise.resolve();

/** A scene replaced wholesale must not be overwritten by a simulation of the scene before it. */
function invalidateSimulations(): void {
  clearTimeout(timer);
  simulation++;
  useScene.setState({ confidencePending: false });
}

/**
 * Re-runs the rollout for the edited scene in two passes: the nominal rollout alone (fast, so the
 * list follows the edit at once), then with the perturbed ensemble for the confidences. Only the
 * newest edit's results are shown.
 */
function resimulate(api: PhysStudioApi, get: () => SceneState, set: (s: Partial<SceneState>) => void) {
  clearTimeout(timer);
  // The shown results describe the scene before the edit until the first pass lands.
  set({ confidencePending: true });
  timer = setTimeout(async () => {
    const scene = get().scene;
    if (!scene) return;
    const mine = ++simulation;
    try {
      for (const ensemble of [0, 4]) {
        const result = await api['scene.simulate']({ scene, ensemble });
        const current = get().scene;
        if (mine !== simulation || !current) return;
        set({
          scene: { ...current, interactions: result.interactions, embedding: result.embedding },
          revision: get().revision + 1,
          simulateMs: ensemble === 0 ? result.millis : get().simulateMs,
          confidencePending: ensemble === 0,
        });
      }
    } catch (err) {
      if (mine === simulation) set({ error: errorData(err), confidencePending: false });
    }
  }, SIMULATE_DEBOUNCE_MS);
}

export const useScene = create<SceneState>((set, get) => ({
  imagePath: null,
  scene: null,
  notices: [],
  timings: null,
  busy: false,
  error: null,
  selected: null,
  hovered: null,
  revision: 0,
  simulateMs: null,
  confidencePending: false,
  past: [],
  future: [],
  perceive: async (api, file, prompt) => {
    invalidateSimulations();
    set({ busy: true, error: null, scene: null, notices: [], selected: null, past: [], future: [] });
    try {
      const result = await useJobs.getState().run(`Perceiving ${file.name || 'image'}`, async (jobId) => {
        const imported = await api['inputs.import']({ name: file.name || 'pasted image', dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
        set({ imagePath: imported.path });
        return api['scene.perceive']({ image: imported.path, jobId, ...(prompt.trim() ? { prompt } : {}) });
      });
      if (result) set({ scene: result.scene, notices: result.notices, timings: result.timings, revision: get().revision + 1 });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ busy: false });
    }
  },
  perceiveDownscaled: async (api, prompt) => {
    const image = get().imagePath;
    if (!image) return;
    invalidateSimulations();
    set({ busy: true, error: null, scene: null, notices: [], selected: null, past: [], future: [] });
    try {
      const result = await useJobs
        .getState()
        .run('Perceiving a downscaled copy', (jobId) => api['scene.perceive']({ image, jobId, downscale: true, ...(prompt.trim() ? { prompt } : {}) }));
      if (result) set({ scene: result.scene, notices: result.notices, timings: result.timings, revision: get().revision + 1 });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ busy: false });
    }
  },
  edit: (api, change) => {
    const scene = get().scene;
    if (!scene) return;
    set({ scene: change(scene), past: [...get().past, scene].slice(-MAX_HISTORY), future: [] });
    resimulate(api, get, set);
  },
  addObject: async (api, seed, label) => {
    const { scene, imagePath } = get();
    if (!scene || !imagePath) return;
    set({ busy: true, error: null });
    try {
      invalidateSimulations();
      // A click while the prompt names something not found points that thing out.
      const named = label ?? scene.missing?.[0];
      const result = await api['scene.addObject']({ image: imagePath, scene, ...seed, ...(named ? { label: named } : {}) });
      if (!result.added) {
        set({ notices: ['Nothing stands out from its surroundings there. Drag a box around the object instead.', ...get().notices.slice(0, 3)] });
        return;
      }
      invalidateSimulations();
      set({
        scene: result.scene,
        past: [...get().past, scene].slice(-MAX_HISTORY),
        future: [],
        selected: result.added,
        revision: get().revision + 1,
        confidencePending: false,
      });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ busy: false });
    }
  },
  removeObject: (api, id) => {
    get().edit(api, (s) => ({ ...s, objects: s.objects.filter((o) => o.id !== id), interactions: s.interactions.filter((i) => i.a !== id && i.b !== id) }));
    set({ selected: null });
  },
  undo: (api) => {
    const { past, scene, future } = get();
    const previous = past.at(-1);
    if (!previous || !scene) return;
    set({ scene: previous, past: past.slice(0, -1), future: [scene, ...future] });
    resimulate(api, get, set);
  },
  redo: (api) => {
    const { past, scene, future } = get();
    const next = future[0];
    if (!next || !scene) return;
    set({ scene: next, past: [...past, scene], future: future.slice(1) });
    resimulate(api, get, set);
  },
  select: (selected) => set({ selected }),
  hover: (hovered) => set({ hovered }),
  editLive: (api, key, change) => {
    const scene = get().scene;
    if (!scene) return;
    const now = performance.now();
    if (live && live.key === key && live.scene === scene && now - live.at < COALESCE_MS) {
      // The same drag: the step already in the history covers this change too.
      const next = change(scene);
      set({ scene: next, future: [] });
      live = { key, at: now, scene: next };
      resimulate(api, get, set);
      return;
    }
    get().edit(api, change);
    const next = get().scene;
    live = next ? { key, at: now, scene: next } : null;
  },
  editObject: (api, id, edit) => {
    // One at a time, each on the result of the one before: a second stroke drawn while the first
    // is in the engine must not start from the object as it was before the first.
    const run = async (): Promise<boolean> => {
      const { scene } = get();
      const object = scene?.objects.find((o) => o.id === id);
      if (!scene || !object) return false;
      // A merge takes the other object as it is now, too.
      const other = edit.kind === 'merge' ? scene.objects.find((o) => o.id === edit.other.id) : undefined;
      if (edit.kind === 'merge' && !other) return false;
      const now = edit.kind === 'merge' && other ? { ...edit, other } : edit;
      set({ editing: true });
      try {
        const result = await api['scene.editObject']({ image: scene.image, pixelsPerMetre: scene.scale.pixelsPerMetre, object, edit: now });
        // Applied to the scene as it is now: other edits made meanwhile are kept.
        if (!get().scene?.objects.some((o) => o.id === id)) return false;
        get().edit(api, (s) => replaceObject(s, result.object, result.absorbed ?? undefined));
        if (result.absorbed && get().selected === result.absorbed) set({ selected: id });
        // Only the latest edit's notice is true of the object now.
        const others = get().notices.filter((n) => n !== lastEditNotice);
        lastEditNotice = result.notice;
        set({ notices: result.notice ? [result.notice, ...others.slice(0, 3)] : others });
        return true;
      } catch (err) {
        reportError('The edit could not be made', err);
        return false;
      } finally {
        set({ editing: false });
      }
    };
    const next = edits.then(run, run);
    edits = next.catch(() => false);
    return next;
  },
  rename: (api, id, label) => {
    const name = label.trim().slice(0, 100);
    const current = get().scene?.objects.find((o) => o.id === id);
    if (!name || !current || current.label === name) return;
    get().edit(api, (s) => ({
      ...s,
      objects: s.objects.map((o) => (o.id === id ? { ...o, label: name, provenance: { ...o.provenance, label: 'user' } } : o)),
    }));
  },
  tool: 'select',
  brushRadius: null,
  editing: false,
  setTool: (tool) => set({ tool }),
  setBrushRadius: (brushRadius) => set({ brushRadius }),
  clear: () => {
    invalidateSimulations();
    set({ scene: null, imagePath: null, notices: [], error: null, selected: null, past: [], future: [] });
  },
}));

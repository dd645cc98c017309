import { create } from 'zustand';
import { enterFullScreen, exitFullScreen } from '../components/fullscreen';
import { useNotices } from './notices';

export type InspectorTab = 'scene' | 'prompt' | 'render' | 'metrics';

interface UiState {
  systemOpen: boolean;
  modelsOpen: boolean;
  inspectorTab: InspectorTab;
  demo: boolean;
  /** What the centre shows: the clips, or the perceived scene for editing. */
  centre: 'clips' | 'scene';
  setCentre(centre: 'clips' | 'scene'): void;
  openSystem(): void;
  closeSystem(): void;
  openModels(): void;
  closeModels(): void;
  setTab(tab: InspectorTab): void;
  /** Demo mode: full screen (when the host allows it), the comparison looping, large captions. */
  toggleDemo(): void;
  leaveDemo(): void;
}

export const useUi = create<UiState>((set, get) => ({
  systemOpen: false,
  modelsOpen: false,
  inspectorTab: 'scene',
  demo: false,
  centre: 'clips',
  setCentre: (centre) => set({ centre }),
  openSystem: () => set({ systemOpen: true }),
  closeSystem: () => set({ systemOpen: false }),
  // One dialog at a time: the models manager replaces the System panel rather than stacking on it.
  openModels: () => set({ modelsOpen: true, systemOpen: false }),
  closeModels: () => set({ modelsOpen: false }),
  setTab: (inspectorTab) => set({ inspectorTab }),
  toggleDemo: () => {
    if (get().demo) {
      get().leaveDemo();
      return;
    }
    set({ demo: true });
    // Asked for at once, inside the key press or click: full screen needs that gesture.
    void enterFullScreen().then((ok) => {
      // Left again before full screen came: undo it.
      if (ok && !get().demo) exitFullScreen();
      if (ok || !get().demo) return;
      useNotices.getState().push({
        kind: 'info',
        title: 'Demo mode',
        message: 'Full screen was not allowed here, so demo mode fills the window instead.',
        hint: 'Use the browser’s or the window’s own full-screen command to fill the screen.',
      });
    });
  },
  leaveDemo: () => {
    set({ demo: false });
    exitFullScreen();
  },
}));

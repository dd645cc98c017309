import { create } from 'zustand';

export type InspectorTab = 'scene' | 'prompt' | 'render' | 'metrics';

interface UiState {
  systemOpen: boolean;
  inspectorTab: InspectorTab;
  demo: boolean;
  openSystem(): void;
  closeSystem(): void;
  setTab(tab: InspectorTab): void;
  toggleDemo(): void;
}

export const useUi = create<UiState>((set) => ({
  systemOpen: false,
  inspectorTab: 'scene',
  demo: false,
  openSystem: () => set({ systemOpen: true }),
  closeSystem: () => set({ systemOpen: false }),
  setTab: (inspectorTab) => set({ inspectorTab }),
  toggleDemo: () => set((s) => ({ demo: !s.demo })),
}));

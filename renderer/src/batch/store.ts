import { create } from 'zustand';
import type { BatchSummary, PhysStudioApi } from '../../../shared/contract';
import { reportError } from '../stores/notices';

export type BatchView = 'grid' | 'judge' | 'report';

interface BatchesState {
  open: boolean;
  batches: BatchSummary[];
  selected: string | null;
  view: BatchView;
  show(id?: string, view?: BatchView): void;
  close(): void;
  select(id: string, view?: BatchView): void;
  setView(view: BatchView): void;
  load(api: PhysStudioApi): Promise<void>;
}

/** Batches made with `physstudio batch` that the library knows of, and which one the batches dialog shows. */
export const useBatches = create<BatchesState>((set, get) => ({
  open: false,
  batches: [],
  selected: null,
  view: 'grid',
  show: (id, view) => set({ open: true, ...(id ? { selected: id } : {}), ...(view ? { view } : {}) }),
  close: () => set({ open: false }),
  select: (id, view) => set({ selected: id, view: view ?? get().view }),
  setView: (view) => set({ view }),
  load: async (api) => {
    try {
      const batches = await api['batches.list']({});
      const selected = get().selected;
      set({ batches, selected: selected && batches.some((b) => b.id === selected) ? selected : (batches[0]?.id ?? null) });
    } catch (err) {
      reportError('Could not list the batches', err);
    }
  },
}));

import { create } from 'zustand';
import { AppError, type AppErrorData } from '../../../shared/contract';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  message: string;
  hint?: string;
  /** How many times the same notice came; repeats collapse into one. */
  count?: number;
}

/** Information and warnings leave on their own; errors stay until dismissed. */
export const NOTICE_LINGER_MS = 8_000;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

interface NoticeState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticeState>((set, get) => {
  const linger = (n: Notice) => {
    clearTimeout(timers.get(n.id));
    if (n.kind === 'error') return;
    timers.set(
      n.id,
      setTimeout(() => get().dismiss(n.id), NOTICE_LINGER_MS),
    );
  };
  return {
    notices: [],
    push: (notice) => {
      const same = get().notices.find((n) => n.kind === notice.kind && n.title === notice.title && n.message === notice.message && n.hint === notice.hint);
      if (same) {
        const bumped = { ...same, count: (same.count ?? 1) + 1 };
        set((s) => ({ notices: [...s.notices.filter((n) => n.id !== same.id), bumped] }));
        linger(bumped);
        return;
      }
      const added = { ...notice, id: nextId++ };
      set((s) => ({ notices: [...s.notices.slice(-4), added] }));
      linger(added);
    },
    dismiss: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
});

export function errorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  // Work the renderer does itself (encoding) stops with an AbortError when cancelled.
  if (err instanceof DOMException && err.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Shows a failure as "what failed" (title) plus what the error says and what to do (hint). */
export function reportError(title: string, err: unknown): void {
  const data = errorData(err);
  useNotices.getState().push({ kind: 'error', title, message: data.message, ...(data.hint ? { hint: data.hint } : {}) });
}

import { create } from 'zustand';
import { AppError, type AppErrorData } from '../../../shared/contract';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  message: string;
  hint?: string;
}

interface NoticeState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticeState>((set) => ({
  notices: [],
  push: (notice) => set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id: nextId++ }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

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

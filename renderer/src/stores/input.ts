import { create } from 'zustand';

export interface InputImage {
  name: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
  file: File;
  /** A scene drawn from the prompt (no photo was given): the prompt it was drawn from. Absent for the user's own picture. */
  drawnFrom?: string;
}

/** How a drawn picture is labelled wherever it is shown. */
export const DRAWN_LABEL = 'Drawn from your prompt — no photo';

interface InputState {
  image: InputImage | null;
  prompt: string;
  setImage(image: InputImage | null): void;
  setPrompt(prompt: string): void;
}

export const MAX_PROMPT_CHARS = 20_000;

/**
 * With no picture, the drawn scene needs drawing (again) when the prompt is not the one the
 * picture on screen was drawn from. A regeneration of one clip keeps the picture it was made from.
 */
export function needsDrawing(input: { image: { drawnFrom?: string } | null; prompt: string }): boolean {
  if (!input.prompt.trim()) return false;
  if (!input.image) return true;
  return input.image.drawnFrom !== undefined && input.image.drawnFrom !== input.prompt;
}

export const useInput = create<InputState>((set, get) => ({
  image: null,
  prompt: '',
  setImage: (image) => {
    const previous = get().image;
    if (previous && previous.url !== image?.url) URL.revokeObjectURL(previous.url);
    set({ image });
  },
  setPrompt: (prompt) => set({ prompt: prompt.slice(0, MAX_PROMPT_CHARS) }),
}));

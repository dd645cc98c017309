import { create } from 'zustand';
import type { PackSummary, RenderStep } from '../../../shared/contract';
import { type RenderSettings, renderDefaults } from '../../../shared/run/render';
import type { Variant } from '../../../shared/run/schema';
import { useModels, videoPacks } from './models';

export type Tier = 'preview' | 'render';

const KEY = 'physstudio.render';

interface Saved {
  tier: Tier;
  /** Settings per pack id, so switching packs and back keeps each one's choices. */
  byPack: Record<string, RenderSettings>;
  packId: string | null;
}

function load(): Saved {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return { tier: saved.tier === 'render' ? 'render' : 'preview', byPack: saved.byPack ?? {}, packId: saved.packId ?? null };
  } catch {
    return { tier: 'preview', byPack: {}, packId: null };
  }
}

export interface LiveStep {
  step: number;
  steps: number;
  image: ImageData;
}

interface RenderState extends Saved {
  /** The running render's job and its latest step per variant (latent thumbnails). */
  live: { jobId: string; steps: Partial<Record<Variant, LiveStep>> } | null;
  setTier(tier: Tier): void;
  choosePack(pack: PackSummary): void;
  update(pack: PackSummary, patch: Partial<RenderSettings>): void;
  follow(jobId: string | null): void;
  step(event: RenderStep): void;
}

/** A pack's saved settings over its defaults (saved ones from an older pack version may lack fields); null for a non-video pack. */
export function effectiveSettings(pack: PackSummary | undefined, saved: RenderSettings | undefined): RenderSettings | null {
  if (!pack?.video) return null;
  return { ...renderDefaults(pack.id, pack.video), ...saved, packId: pack.id };
}

export const useRender = create<RenderState>((set, get) => {
  const save = () => {
    const { tier, byPack, packId } = get();
    localStorage.setItem(KEY, JSON.stringify({ tier, byPack, packId }));
  };
  return {
    ...load(),
    live: null,
    setTier: (tier) => {
      set({ tier });
      save();
    },
    choosePack: (pack) => {
      set({ packId: pack.id });
      save();
    },
    update: (pack, patch) => {
      const current = effectiveSettings(pack, get().byPack[pack.id]);
      if (!current) return;
      set((s) => ({ byPack: { ...s.byPack, [pack.id]: { ...current, ...patch } } }));
      save();
    },
    follow: (jobId) => set({ live: jobId ? { jobId, steps: {} } : null }),
    step: (event) => {
      const live = get().live;
      if (!live || live.jobId !== event.jobId) return;
      const bytes = Uint8ClampedArray.from(atob(event.rgbaBase64), (c) => c.charCodeAt(0));
      const image = new ImageData(bytes, event.width, event.height);
      set({ live: { ...live, steps: { ...live.steps, [event.variant]: { step: event.step, steps: event.steps, image } } } });
    },
  };
});

/** The pack the Render tab has chosen (or the first video pack) and its settings; null when none is installed. */
export function chooseRender(
  packs: PackSummary[],
  packId: string | null,
  byPack: Record<string, RenderSettings>,
): { name: string; settings: RenderSettings } | null {
  const videos = videoPacks(packs);
  const pack = videos.find((p) => p.id === packId) ?? videos[0];
  const settings = effectiveSettings(pack, pack ? byPack[pack.id] : undefined);
  return pack && settings ? { name: pack.name, settings } : null;
}

export function chosenRender(): ReturnType<typeof chooseRender> {
  const { packId, byPack } = useRender.getState();
  return chooseRender(useModels.getState().packs, packId, byPack);
}

import { create } from 'zustand';
import type { PackSummary, PhysStudioApi, UserSettings } from '../../../shared/contract';
import type { ExecutionProvider } from '../../../shared/models/manifest';
import { useJobs } from './jobs';
import { errorData, reportError, useNotices } from './notices';

interface ModelsState {
  packs: PackSummary[];
  settings: UserSettings | null;
  loading: boolean;
  load(api: PhysStudioApi): Promise<void>;
  importPack(api: PhysStudioApi, source: string): Promise<void>;
  removePack(api: PhysStudioApi, pack: PackSummary): Promise<void>;
  setFolders(api: PhysStudioApi, folders: string[]): Promise<void>;
  setProvider(api: PhysStudioApi, provider: ExecutionProvider | null): Promise<void>;
}

/** Installed model packs and where they come from: what the models manager and the Render tab show. */
let shownProblem: string | undefined;

export const useModels = create<ModelsState>((set, get) => {
  const change = async (api: PhysStudioApi, what: string, patch: Parameters<PhysStudioApi['settings.update']>[0]) => {
    try {
      set({ settings: await api['settings.update'](patch) });
      await get().load(api);
    } catch (err) {
      reportError(what, err);
    }
  };
  return {
    packs: [],
    settings: null,
    loading: false,
    load: async (api) => {
      set({ loading: true });
      try {
        const [packs, settings] = await Promise.all([api['models.list']({}), api['settings.get']({})]);
        set({ packs, settings });
        // A damaged settings.json is shown once; its valid values are in use and it is backed up before any rewrite.
        if (settings.problem && settings.problem !== shownProblem) {
          shownProblem = settings.problem;
          useNotices.getState().push({
            kind: 'error',
            title: 'Settings file problem',
            message: settings.problem,
            hint: 'Fix settings.json, or change a setting here: the file is then rewritten and the old one kept as a .bak beside it.',
          });
        }
      } catch (err) {
        reportError('The model packs could not be listed', err);
      } finally {
        set({ loading: false });
      }
    },
    importPack: async (api, source) => {
      const name = source.split(/[\\/]/).filter(Boolean).pop() ?? source;
      try {
        const pack = await useJobs.getState().run(`Importing ${name}`, (jobId) => api['models.import']({ source, jobId }));
        if (pack) useNotices.getState().push({ kind: 'info', title: `${pack.name} imported`, message: `${pack.fileCount} file(s) copied and verified.` });
      } catch (err) {
        const e = errorData(err);
        useNotices.getState().push({ kind: 'error', title: `${name} was not imported`, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
      } finally {
        await get().load(api);
      }
    },
    removePack: async (api, pack) => {
      try {
        await api['models.remove']({ packId: pack.id });
        useNotices.getState().push({ kind: 'info', title: `${pack.name} removed`, message: `Its folder ${pack.folder} was deleted.` });
      } catch (err) {
        reportError(`${pack.name} was not removed`, err);
      } finally {
        await get().load(api);
      }
    },
    setFolders: (api, folders) => change(api, 'The model folders were not saved', { modelFolders: folders }),
    setProvider: (api, provider) => change(api, 'The execution provider was not saved', { provider }),
  };
});

export const videoPacks = (packs: PackSummary[]) => packs.filter((p) => p.kind === 'video-generator' && p.video);

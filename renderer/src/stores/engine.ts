import { create } from 'zustand';
import type { AppErrorData, DoctorReport, EngineStatus, PhysStudioApi } from '../../../shared/contract';
import { errorData } from './notices';

interface EngineState {
  status: EngineStatus;
  doctor: DoctorReport | null;
  doctorError: AppErrorData | null;
  doctorLoading: boolean;
  setStatus(status: EngineStatus): void;
  refreshDoctor(api: PhysStudioApi): Promise<void>;
}

export const useEngine = create<EngineState>((set, get) => ({
  status: { state: 'starting', pid: null, restarts: 0 },
  doctor: null,
  doctorError: null,
  doctorLoading: false,
  setStatus: (status) => set({ status }),
  refreshDoctor: async (api) => {
    if (get().doctorLoading) return;
    set({ doctorLoading: true });
    try {
      set({ doctor: await api['system.doctor']({}), doctorError: null });
    } catch (err) {
      set({ doctorError: errorData(err) });
    } finally {
      set({ doctorLoading: false });
    }
  },
}));

/** Electron IPC channel names shared by the main-process host and the preload. */
export const IPC_INVOKE = 'physstudio:invoke';
export const IPC_EVENT = 'physstudio:event';

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'physstudio',
  buildBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
);

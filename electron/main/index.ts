import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../common/ipc-channels';
import { EngineClient } from '../hosts/engine-client';
import { createIpcInvokeHandler } from '../hosts/ipc-host';
import { utilityEngineSpawner } from '../hosts/spawn-utility';
import { buildMenu } from './menu';
import { handleProtocols, registerSchemes } from './protocols';
import { APP_ORIGIN, isPermissionAllowed, isSafeExternalUrl, secureWebPreferences } from './security';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemes();
  let window: BrowserWindow | undefined;

  // Packaged: resources/ sits beside app.asar (electron-builder extraResources); dev: project root.
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(__dirname, '..', '..', 'resources');
  const dataDir = process.env.PHYSSTUDIO_DATA_DIR ?? app.getPath('userData');
  const engine = new EngineClient({
    spawn: utilityEngineSpawner({ enginePath: join(__dirname, '..', 'engine', 'main.cjs'), resourcesDir, dataDir }),
  });

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const createWindow = () => {
    window = new BrowserWindow({
      width: 1440,
      height: 900,
      minWidth: 1280,
      minHeight: 720,
      backgroundColor: '#0f1115',
      title: 'PhysStudio',
      show: false,
      webPreferences: secureWebPreferences(join(__dirname, '..', 'preload', 'index.cjs')),
    });
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  };

  void app.whenReady().then(() => {
    const rendererDir = join(__dirname, '..', 'renderer');
    handleProtocols(rendererDir, join(dataDir, 'library'));
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(isPermissionAllowed(permission, contents.getURL())));
    session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => isPermissionAllowed(permission, origin));

    const invoke = createIpcInvokeHandler(engine, APP_ORIGIN);
    ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
      const frame = event.senderFrame;
      // The top frame is the one without a parent; subframes (none are expected) are refused.
      return invoke({ frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null }, channel, payload);
    });
    engine.subscribe((name, payload) => window?.webContents.send(IPC_EVENT, name, payload));
    Menu.setApplicationMenu(buildMenu((command) => window?.webContents.send(IPC_EVENT, 'ui.command', { command })));

    void engine.start().catch(() => {
      // engine.status already told the UI; requests retry the start
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void engine.stop();
  });
}

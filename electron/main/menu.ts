import { type BaseWindow, Menu, type MenuItemConstructorOptions } from 'electron';

type UiCommand = 'open-system' | 'open-models' | 'toggle-demo';

/**
 * Demo mode asks the page for HTML full screen, which Chromium grants only just after a user
 * gesture. A menu click happens outside the page, so the page is given one first (Electron's
 * documented `executeJavaScript(code, userGesture)`), then told to toggle.
 */
async function withGesture(window: BaseWindow | undefined): Promise<void> {
  const contents = window && 'webContents' in window ? (window as { webContents: Electron.WebContents }).webContents : undefined;
  await contents?.executeJavaScript('0', true).catch(() => {});
}

/** The usual roles, plus the app's own commands forwarded to the renderer as `ui.command`. */
export function buildMenu(send: (command: UiCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        // F11 is the page's own shortcut (a key press is the gesture full screen needs); the menu only shows it.
        {
          label: 'Demo Mode',
          accelerator: 'F11',
          registerAccelerator: false,
          click: (_item, window) => void withGesture(window).then(() => send('toggle-demo')),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        // Not F11 (its default off macOS): F11 is demo mode, which is full screen with the comparison looping.
        { role: 'togglefullscreen', accelerator: isMac ? 'Ctrl+Cmd+F' : 'CmdOrCtrl+Shift+F' },
        ...(process.env.PHYSSTUDIO_DEVTOOLS ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'System…', accelerator: 'F1', click: () => send('open-system') },
        { label: 'Model Packs…', click: () => send('open-models') },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

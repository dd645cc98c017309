import { Menu, type MenuItemConstructorOptions } from 'electron';

type UiCommand = 'open-system' | 'open-models' | 'toggle-demo';

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
        { label: 'Demo Mode', accelerator: 'F11', click: () => send('toggle-demo') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
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

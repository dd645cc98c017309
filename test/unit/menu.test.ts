import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// The Electron runtime is not installed here; the menu's template is what is under test.
vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template } }));

const { buildMenu } = await import('../../electron/main/menu');

function items(send: (c: string) => void = () => {}): MenuItemConstructorOptions[] {
  const flat = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    list.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu as MenuItemConstructorOptions[]) : [])]);
  return flat(buildMenu(send) as unknown as MenuItemConstructorOptions[]);
}

describe('application menu', () => {
  it('binds F11 to demo mode only, and leaves the key to the page (full screen needs its key press)', () => {
    const all = items();
    const demo = all.find((i) => i.label === 'Demo Mode');
    expect(demo).toMatchObject({ accelerator: 'F11', registerAccelerator: false });
    const fullScreen = all.find((i) => i.role === 'togglefullscreen');
    expect(fullScreen?.accelerator).toBeDefined();
    expect(fullScreen?.accelerator).not.toMatch(/F11/);
    expect(all.filter((i) => i.accelerator === 'F11' && i.registerAccelerator !== false)).toEqual([]);
  });

  it('gives the page a user gesture before a menu click toggles demo mode', async () => {
    const send = vi.fn();
    const executeJavaScript = vi.fn(async () => 0);
    const demo = items(send).find((i) => i.label === 'Demo Mode');
    const click = demo?.click as ((item: unknown, window: unknown) => void) | undefined;
    if (!click) throw new Error('Demo Mode has no click handler');
    click({}, { webContents: { executeJavaScript } });
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('toggle-demo'));
    expect(executeJavaScript).toHaveBeenCalledWith(expect.any(String), true);
  });
});

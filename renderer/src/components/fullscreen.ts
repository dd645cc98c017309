/**
 * Real full screen for demo mode, through the HTML Fullscreen API (Electron turns it into a
 * full-screen window). It may be refused: browsers grant it only just after a click or a key
 * press, and some embedders not at all; the caller then keeps demo mode inside the window.
 */
export async function enterFullScreen(): Promise<boolean> {
  if (document.fullscreenElement) return true;
  const root = document.documentElement;
  if (typeof root.requestFullscreen !== 'function') return false;
  try {
    await root.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

export function exitFullScreen(): void {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
}

/** Calls `leave` whenever full screen ends, whoever ended it (Esc, the browser, the window manager). */
export function onFullScreenExit(leave: () => void): () => void {
  const changed = () => {
    if (!document.fullscreenElement) leave();
  };
  document.addEventListener('fullscreenchange', changed);
  return () => document.removeEventListener('fullscreenchange', changed);
}

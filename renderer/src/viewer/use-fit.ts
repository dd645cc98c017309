import { type RefObject, useLayoutEffect, useState } from 'react';

export const STAGE_GAP = 10;

/**
 * The largest size a clip's screen can take without cropping or spilling: one screen across for
 * the wipe and ghost views, two side by side otherwise. The height available is the viewer's
 * less everything else in it (banner, timeline, controls, metrics), measured, so the controls
 * always stay in view whatever the window's height, and no empty band opens under the clips.
 */
export function useFit(area: RefObject<HTMLElement | null>, aspect: number, columns: 1 | 2): { width: number; height: number } | null {
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = area.current;
    const viewer = el?.parentElement;
    if (!el || !viewer) return;
    const measure = () => {
      const style = getComputedStyle(viewer);
      const gap = Number.parseFloat(style.rowGap) || 0;
      const others = [...viewer.children].filter((c) => c !== el && getComputedStyle(c).position !== 'absolute');
      const used = others.reduce((sum, c) => sum + c.getBoundingClientRect().height, 0) + gap * others.length;
      const H = Math.max(120, viewer.clientHeight - used);
      const W = el.clientWidth;
      const across = (W - (columns - 1) * STAGE_GAP) / columns;
      const width = Math.max(80, Math.floor(Math.min(across, H * aspect)));
      setBox((b) => (b && b.width === width ? b : { width, height: Math.round(width / aspect) }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(viewer);
    for (const c of viewer.children) if (c !== el) observer.observe(c);
    // Children come and go (the stale banner, the wipe legend): watch for them too.
    const mutations = new MutationObserver(() => {
      for (const c of viewer.children) if (c !== el) observer.observe(c);
      measure();
    });
    mutations.observe(viewer, { childList: true });
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [area, aspect, columns]);
  return box;
}

import { type RefObject, useLayoutEffect, useState } from 'react';

export const STAGE_GAP = 10;

/**
 * The largest size a clip's screen can take inside `area` without cropping or spilling: one
 * screen across for the wipe and ghost views, two side by side otherwise. Measured, so the
 * controls below always stay in view whatever the window's height.
 */
export function useFit(area: RefObject<HTMLElement | null>, aspect: number, columns: 1 | 2): { width: number; height: number } | null {
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    const measure = () => {
      const { width: W, height: H } = el.getBoundingClientRect();
      const across = (W - (columns - 1) * STAGE_GAP) / columns;
      const width = Math.max(80, Math.floor(Math.min(across, H * aspect)));
      setBox((b) => (b && b.width === width ? b : { width, height: Math.round(width / aspect) }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [area, aspect, columns]);
  return box;
}

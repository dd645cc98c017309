import { type PointerEvent as ReactPointerEvent, useCallback, useRef, useState } from 'react';

export interface ZoomPan {
  zoom: number;
  x: number;
  y: number;
}

export const MAX_ZOOM = 8;
const IDENTITY: ZoomPan = { zoom: 1, x: 0, y: 0 };

/** Keeps the zoomed picture covering its screen: no empty margin shows at any zoom. */
function clamp(v: ZoomPan, width: number, height: number): ZoomPan {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom));
  return { zoom, x: Math.min(0, Math.max(width - width * zoom, v.x)), y: Math.min(0, Math.max(height - height * zoom, v.y)) };
}

/**
 * One zoom and pan shared by both clips (so the same edge or contact is under the eye in each):
 * the wheel zooms about the pointer, dragging pans, and the keyboard zooms about the centre.
 */
export function useZoomPan(size: { width: number; height: number } | null) {
  const [view, setView] = useState<ZoomPan>(IDENTITY);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const width = size?.width ?? 1;
  const height = size?.height ?? 1;

  const zoomAt = useCallback(
    (factor: number, px = width / 2, py = height / 2) =>
      setView((v) => {
        const zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom * factor));
        const k = zoom / v.zoom;
        return clamp({ zoom, x: px - (px - v.x) * k, y: py - (py - v.y) * k }, width, height);
      }),
    [width, height],
  );
  const reset = useCallback(() => setView(IDENTITY), []);
  const panBy = useCallback((dx: number, dy: number) => setView((v) => clamp({ ...v, x: v.x + dx, y: v.y + dy }, width, height)), [width, height]);

  const onPointerDown = useCallback((e: ReactPointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  }, []);
  const onPointerMove = useCallback(
    (e: ReactPointerEvent<HTMLElement>) => {
      const d = drag.current;
      if (!d || d.id !== e.pointerId) return;
      panBy(e.clientX - d.x, e.clientY - d.y);
      drag.current = { ...d, x: e.clientX, y: e.clientY };
    },
    [panBy],
  );
  const onPointerUp = useCallback((e: ReactPointerEvent<HTMLElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  }, []);

  return { view, zoomAt, reset, panBy, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp } };
}

/**
 * How fast this machine generates and encodes, measured from the user's own runs and kept between
 * sessions, so the app's time estimates are what it has seen here rather than a promise.
 * Work is counted in frame-megapixels (both clips together); a render also multiplies by its steps.
 */
const KEY = 'physstudio.rates';

export interface Rate {
  /** Milliseconds per unit of work in the engine (simulation, drawing, or the neural render). */
  engine: number;
  /** Milliseconds per unit of work encoding the clips in the app. */
  encode: number;
  /** Runs measured. */
  runs: number;
  /** Only warming-up runs measured so far: the first warm run replaces them. */
  coldOnly?: boolean;
}

export type RateKey = 'preview' | 'render';

function load(): Partial<Record<RateKey, Rate>> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<RateKey, Rate>>;
  } catch {
    return {};
  }
}

export function workUnits(frames: number, width: number, height: number, steps = 1): number {
  return (2 * frames * width * height * steps) / 1e6;
}

/**
 * Folds one measured run in; the newest counts most, as the machine's load changes. A session's
 * first run also pays for warming up (modules, WASM, encoder start), so it counts less once
 * warm runs are known.
 */
export function recordRate(key: RateKey, units: number, engineMs: number, encodeMs: number, cold = false): void {
  if (!(units > 0)) return;
  const all = load();
  const old = all[key];
  const fresh = { engine: engineMs / units, encode: encodeMs / units };
  const w = !old || (old.coldOnly && !cold) ? 1 : cold ? 0.2 : 0.5;
  all[key] = {
    engine: old ? old.engine * (1 - w) + fresh.engine * w : fresh.engine,
    encode: old ? old.encode * (1 - w) + fresh.encode * w : fresh.encode,
    runs: (old?.runs ?? 0) + 1,
    coldOnly: cold && (!old || !!old.coldOnly),
  };
  localStorage.setItem(KEY, JSON.stringify(all));
}

export interface Estimate {
  totalMs: number;
  /** The engine's share of the time, to turn its progress and the encoder's into one. */
  engineShare: number;
  runs: number;
}

export function estimate(key: RateKey, units: number): Estimate | null {
  const rate = load()[key];
  if (!rate || !(units > 0)) return null;
  const engine = rate.engine * units;
  const encode = rate.encode * units;
  return { totalMs: engine + encode, engineShare: engine / Math.max(1, engine + encode), runs: rate.runs };
}

export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 1) return 'under a second';
  if (s < 90) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

import type { BatchManifest, BatchReport, CaseRecord, GroupRow } from './schema';

/** Scores closer than this are a level pair in the summary. */
const LEVEL_POINTS = 1;

function row(key: string, records: CaseRecord[]): GroupRow {
  const ok = records.filter((r) => r.status === 'ok' && r.clips);
  const mean = (xs: number[]) => (xs.length ? Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10 : null);
  const diffs = ok.map((r) => (r.clips?.physics.scores.score ?? 0) - (r.clips?.baseline.scores.score ?? 0));
  return {
    key,
    cases: records.length,
    failed: records.length - ok.length,
    meanBaseline: mean(ok.map((r) => r.clips?.baseline.scores.score ?? 0)),
    meanPhysics: mean(ok.map((r) => r.clips?.physics.scores.score ?? 0)),
    physicsAhead: diffs.filter((d) => d > LEVEL_POINTS).length,
    baselineAhead: diffs.filter((d) => d < -LEVEL_POINTS).length,
    level: diffs.filter((d) => Math.abs(d) <= LEVEL_POINTS).length,
  };
}

function groups(records: CaseRecord[], keys: (r: CaseRecord) => string[]): GroupRow[] {
  const by = new Map<string, CaseRecord[]>();
  for (const r of records) for (const k of keys(r)) by.set(k, [...(by.get(k) ?? []), r]);
  return [...by.entries()].map(([k, rs]) => row(k, rs)).sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key));
}

/** The report's figures: totals, then one row per motion class and per phenomenon (a case counts under each of its phenomena). */
export function summarise(manifest: BatchManifest, records: CaseRecord[], generatedAt: string): BatchReport {
  const order = new Map(manifest.cases.map((c, i) => [c.id, i]));
  // Embeddings are for datasets; the report keeps to what people read.
  const cases = records.map(({ embedding: _e, ...r }) => r).sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));
  return {
    kind: 'physstudio.batch-report',
    version: 1,
    batch: { id: manifest.id, title: manifest.title, createdAt: manifest.createdAt, source: manifest.source, options: manifest.options },
    generatedAt,
    totals: { ...row('all', cases), pending: Math.max(0, manifest.cases.length - cases.length) },
    byMotion: groups(cases, (r) => [r.status === 'ok' ? (r.motionClass ?? 'none') : 'failed']),
    byPhenomenon: groups(
      cases.filter((r) => r.status === 'ok'),
      (r) => (r.phenomena?.length ? r.phenomena : ['(none named)']),
    ),
    cases,
  };
}

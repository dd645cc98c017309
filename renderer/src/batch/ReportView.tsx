import { useEffect, useState } from 'react';
import type { BatchReport, CaseRecord, GroupRow } from '../../../shared/batch/schema';
import type { BatchSummary } from '../../../shared/contract';
import { useApi } from '../api/use-api';
import { useBatchImage } from './use-batch-image';

const n = (v: number | null) => (v === null ? '–' : String(Math.round(v)));

function Groups({ title, rows }: { title: string; rows: GroupRow[] }) {
  return (
    <table className="table small">
      <thead>
        <tr>
          <th>{title}</th>
          <th>cases</th>
          <th>failed</th>
          <th>baseline</th>
          <th>physics</th>
          <th>physics ahead</th>
          <th>baseline ahead</th>
          <th>level</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.key}</td>
            <td>{r.cases}</td>
            <td>{r.failed}</td>
            <td>{n(r.meanBaseline)}</td>
            <td>{n(r.meanPhysics)}</td>
            <td>{r.physicsAhead}</td>
            <td>{r.baselineAhead}</td>
            <td>{r.level}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseCard({ batchId, c }: { batchId: string; c: CaseRecord }) {
  const baseline = useBatchImage(batchId, c.clips?.baseline.sheet);
  const physics = useBatchImage(batchId, c.clips?.physics.sheet);
  if (c.status === 'error' || !c.clips)
    return (
      <li className="report-case report-case--error">
        <strong>{c.id}</strong> <span className="bad small">{c.error?.message}</span>
      </li>
    );
  return (
    <li className="report-case" data-testid="report-case">
      <p>
        <strong>{c.id}</strong>{' '}
        <span className="muted small">
          {c.motionClass} · {c.phenomena?.join(', ') || 'no phenomena named'}
        </span>
      </p>
      <p className="small">{c.refined ?? c.prompt}</p>
      <div className="report-case__clips">
        {(['baseline', 'physics'] as const).map((w) => {
          const clip = c.clips?.[w];
          const sheet = w === 'baseline' ? baseline : physics;
          return (
            <div key={w}>
              <p className="small">
                {w} <strong>{n(clip?.scores.score ?? null)}</strong>{' '}
                <span className="muted">({clip?.scores.source === 'pixel-evaluator' ? 'pixel evaluator' : 'clip metrics'})</span>
              </p>
              {sheet && <img src={sheet} alt={`${w} contact sheet of ${c.id}`} />}
              <ul className="small muted">
                {clip?.scores.checks.map((k) => (
                  <li key={k.id}>
                    {k.id} {n(k.score)}: {k.reason}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </li>
  );
}

/** The batch report inside the app: the same figures as report.html, read live from the batch folder. */
export function ReportView({ batch }: { batch: BatchSummary }) {
  const api = useApi();
  const [report, setReport] = useState<BatchReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api['batches.report']({ id: batch.id }).then(
      (r) => live && setReport(r),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [api, batch.id]);
  if (error) return <p className="bad">{error}</p>;
  if (!report) return <p className="muted">Loading the report…</p>;
  const t = report.totals;
  return (
    <div className="stack report" data-testid="batch-report">
      <p>
        {t.cases} cases ({t.failed} failed{t.pending ? `, ${t.pending} to run` : ''}) · mean score baseline {n(t.meanBaseline)}, physics {n(t.meanPhysics)}
      </p>
      <p className="muted small wrap">
        Files: <code>{batch.dir}/report.html</code> (works offline), report.csv, report.json
      </p>
      <Groups title="motion class" rows={report.byMotion} />
      <Groups title="phenomenon" rows={report.byPhenomenon} />
      <ul className="report-cases">
        {report.cases.map((c) => (
          <CaseCard key={c.id} batchId={batch.id} c={c} />
        ))}
      </ul>
    </div>
  );
}

import type { BatchReport, CaseClip, CaseRecord, GroupRow } from '../../../shared/batch/schema';

/** Reads an image of the batch folder (relative path) as a data URL, or null when it is missing. */
export type ImageSource = (relativePath: string) => Promise<string | null>;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '–' : String(Math.round(v)));
const href = (rel: string) => rel.split('/').map(encodeURIComponent).join('/');

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;background:#121316;color:#e6e6e6}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0}
.muted{color:#9aa0a6}table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid #33363c;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#1d1f24}.case{border:1px solid #33363c;border-radius:6px;padding:12px;margin:14px 0;background:#17181c}
.case--error{border-color:#a33}.clips{display:flex;gap:16px;flex-wrap:wrap}.clip{flex:1 1 360px}
.clip img{max-width:100%;display:block;border-radius:4px}.score{font-size:20px;font-weight:600}
.checks td,.checks th{font-size:12px;text-align:left}.pass{color:#6c6}.fail{color:#e66}
.prompt{white-space:pre-wrap;background:#1d1f24;padding:6px 8px;border-radius:4px}a{color:#8ab4f8}
.error{color:#f88}`;

function groupTable(title: string, column: string, rows: GroupRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.key)}</td><td>${r.cases}</td><td>${r.failed}</td><td>${num(r.meanBaseline)}</td><td>${num(r.meanPhysics)}</td><td>${r.physicsAhead}</td><td>${r.baselineAhead}</td><td>${r.level}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(title)}</h2><table><thead><tr><th>${esc(column)}</th><th>cases</th><th>failed</th><th>mean baseline</th><th>mean physics</th><th>physics ahead</th><th>baseline ahead</th><th>level</th></tr></thead><tbody>${body}</tbody></table>`;
}

async function clipBlock(label: string, clip: CaseClip, images: ImageSource): Promise<string> {
  const sheet = await images(clip.sheet);
  const s = clip.scores;
  const checks = s.checks
    .map(
      (c) =>
        `<tr><td>${esc(c.id)}</td><td>${num(c.score)}</td><td class="${c.pass === false ? 'fail' : c.pass ? 'pass' : ''}">${c.pass === null ? '' : c.pass ? 'pass' : 'fail'}</td><td>${esc(c.reason)}</td></tr>`,
    )
    .join('');
  const video = clip.video ? `<a href="${href(clip.video)}">${esc(clip.video.split('/').pop() ?? clip.video)}</a>` : '<span class="muted">no clip file</span>';
  return `<div class="clip"><h3>${esc(label)} <span class="score">${num(s.score)}</span> <span class="muted">(${s.source === 'pixel-evaluator' ? 'pixel evaluator' : 'clip metrics'}${s.verdict ? `: ${esc(s.verdict)}` : ''})</span></h3>
${sheet ? `<img src="${sheet}" alt="${esc(label)} contact sheet">` : '<p class="error">contact sheet missing</p>'}
<p>${video}</p><table class="checks"><thead><tr><th>check</th><th>score</th><th></th><th>reason</th></tr></thead><tbody>${checks}</tbody></table></div>`;
}

async function caseBlock(r: CaseRecord, images: ImageSource): Promise<string> {
  const head = `<h3 id="case-${esc(r.id)}">${esc(r.id)} <span class="muted">${esc(r.image.split(/[\\/]/).pop() ?? '')} · ${esc(r.worker)} · ${(r.ms / 1000).toFixed(1)} s</span></h3>`;
  if (r.status === 'error' || !r.clips)
    return `<section class="case case--error">${head}<p class="prompt">${esc(r.prompt)}</p><p class="error">${esc(r.error?.code ?? 'error')}: ${esc(r.error?.message ?? 'failed')}${r.error?.hint ? ` ${esc(r.error.hint)}` : ''}</p></section>`;
  const meta = [
    `motion: ${esc(r.motionClass ?? 'none')}`,
    `phenomena: ${esc(r.phenomena?.join(', ') || 'none named')}`,
    `seed ${r.seed ?? '–'}`,
    r.settings ? `${r.settings.size} px · ${r.settings.seconds} s at ${r.settings.fps} fps` : '',
    r.tier ?? '',
    r.sidecar ? `<a href="${href(r.sidecar)}">sidecar</a>` : '',
  ].filter(Boolean);
  return `<section class="case">${head}<p class="muted">${meta.join(' · ')}</p>
<p><b>Prompt</b></p><p class="prompt">${esc(r.prompt || '(none)')}</p>
<p><b>Refined prompt</b></p><p class="prompt">${esc(r.refined ?? '(refinement off)')}</p>
<div class="clips">${await clipBlock('Baseline', r.clips.baseline, images)}${await clipBlock('Physics-conditioned', r.clips.physics, images)}</div></section>`;
}

/**
 * The report as one HTML file that works offline: styles inline, contact sheets as data URLs,
 * no scripts, clips linked by relative path (the report sits at the top of the batch folder).
 */
export async function reportHtml(report: BatchReport, images: ImageSource): Promise<string> {
  const t = report.totals;
  const cases: string[] = [];
  for (const r of report.cases) cases.push(await caseBlock(r, images));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; media-src 'self'">
<title>${esc(report.batch.title)} · PhysStudio batch report</title><style>${CSS}</style></head><body>
<h1>${esc(report.batch.title)}</h1>
<p class="muted">batch ${esc(report.batch.id)} · ${esc(report.batch.options.tier)} tier${report.batch.options.packId ? ` (${esc(report.batch.options.packId)})` : ''} · refinement ${report.batch.options.refine ? 'on' : 'off'} · from ${esc(report.batch.source)} · report made ${esc(report.generatedAt)}</p>
<p>${t.cases} cases finished (${t.cases - t.failed} made, ${t.failed} failed)${t.pending ? `, ${t.pending} still to run` : ''}. Mean score: baseline ${num(t.meanBaseline)}, physics ${num(t.meanPhysics)}; physics ahead in ${t.physicsAhead}, baseline ahead in ${t.baselineAhead}, level in ${t.level}.</p>
${groupTable('By motion class', 'motion class', report.byMotion)}${groupTable('By phenomenon', 'phenomenon', report.byPhenomenon)}
<h2>Cases</h2>${cases.join('\n')}</body></html>
`;
}

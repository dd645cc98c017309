import type { DoctorReport, Perception } from '../../../shared/contract';
import type { Refinement } from '../../../shared/refine';

function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Human-readable `doctor` report: what a user pastes into a bug report. */
export function formatDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  lines.push(`${r.app.name} ${r.app.version}`);
  lines.push(
    `  node ${r.versions.node} · electron ${r.versions.electron ?? '(not running under Electron)'} · onnxruntime ${r.versions.onnxruntime ?? 'not loaded'}`,
  );
  lines.push(
    `  ${r.platform.os} ${r.platform.release} ${r.platform.arch} · ${r.platform.cpuCount}× ${r.platform.cpuModel} · ${bytes(r.platform.totalMemoryBytes)} RAM`,
  );
  lines.push(`  engine pid ${r.engine.pid} (${r.engine.host})`);
  if (r.onnxruntimeError) lines.push(`  ! ${r.onnxruntimeError}`);
  lines.push('');
  lines.push(`Execution providers (active: ${r.activeProvider ?? 'none'})`);
  for (const p of r.providers) {
    const mark = p.available ? 'ok  ' : p.applicable ? 'FAIL' : 'n/a ';
    const detail = p.available ? `${p.millis ?? 0} ms` : (p.error ?? '');
    lines.push(`  ${mark} ${p.id.padEnd(9)} ${detail}`);
    if (p.hint) lines.push(`       ${' '.repeat(9)} → ${p.hint}`);
  }
  lines.push('');
  lines.push('GPUs');
  if (r.gpus.length === 0) lines.push(`  ${r.gpuNote ?? 'none found'}`);
  for (const g of r.gpus)
    lines.push(`  ${g.name} (${g.vendor}${g.memoryBytes ? `, ${bytes(g.memoryBytes)}` : ''}${g.driver ? `, driver ${g.driver}` : ''}) [${g.source}]`);
  lines.push('');
  lines.push('Model folders');
  for (const f of r.modelFolders) {
    lines.push(`  ${f.exists ? '' : '(missing) '}${f.path} [${f.source}] ${f.packCount} pack(s)`);
    for (const p of f.problems) lines.push(`    ! ${p.message}`);
  }
  lines.push('Model packs');
  if (r.packs.length === 0) lines.push('  none installed');
  for (const p of r.packs)
    lines.push(`  ${p.id} ${p.version} (${p.kind}, ${bytes(p.sizeBytes)}) ${p.verification}${p.verificationError ? `: ${p.verificationError}` : ''}`);
  lines.push('');
  lines.push(`Data: ${r.dataDir}`);
  return lines.join('\n');
}

/** Human-readable refinement: the refined prompt first, then the reasoning behind it. */
export function formatRefinement(r: Refinement): string {
  const lines: string[] = [r.refined, ''];
  lines.push(
    `${r.target.name}: ${r.tokens.used}/${r.tokens.budget} tokens (${r.tokens.method === 'tokenizer' ? 'counted with the model tokenizer' : 'conservative estimate'})`,
  );
  lines.push(
    `intent kept ${Math.round(r.scores.intentKept * 100)}% · physics covered ${Math.round(r.scores.physicsCovered * 100)}% · backend ${r.backend.id}${r.backend.model ? ` (${r.backend.model})` : ''}`,
  );
  for (const notice of r.backend.notices) lines.push(`! ${notice}`);
  const a = r.analysis;
  if (a.entities.length)
    lines.push(
      '',
      'Entities',
      ...a.entities.map((e) => `  ${e.text}: ${e.material ?? 'unknown material'}, ${e.state}${e.properties.density ? `, ${e.properties.density} kg/m³` : ''}`),
    );
  if (a.phenomena.length) lines.push('', 'Phenomena', ...a.phenomena.map((p) => `  ${p.id} (${p.branch}): ${p.explanation}`));
  if (a.sequence.length) lines.push('', 'Sequence', ...a.sequence.map((s, i) => `  ${i + 1}. ${s}`));
  if (a.constraints.length) lines.push('', 'Constraints', ...a.constraints.map((c) => `  - ${c}`));
  for (const alt of r.alternatives) lines.push('', `Alternative (${alt.style}, ${alt.tokens} tokens)`, `  ${alt.text}`);
  return lines.join('\n');
}

/** Human-readable scene: objects with their physics, surfaces, and the predicted interactions. */
export function formatPerception(p: Perception): string {
  const s = p.scene;
  const lines = [`${s.image.width}×${s.image.height} px · ${s.scale.pixelsPerMetre} px/m (${s.scale.provenance}) · gravity ${s.gravity.y} m/s²`, ''];
  lines.push(`Objects (${s.objects.length})`);
  for (const o of s.objects) {
    lines.push(
      `  ${o.id} ${o.label}: ${o.dynamic ? 'dynamic' : 'static'}, ${o.material.name} (${o.provenance.material}, ${Math.round(o.material.confidence * 100)}%), ${o.params.mass.toPrecision(3)} kg, friction ${o.params.friction}, bounciness ${o.params.restitution}`,
    );
  }
  lines.push('', `Surfaces (${s.surfaces.length})`, ...s.surfaces.map((x) => `  ${x.id} ${x.kind} at y=${Math.round(x.points[0]?.y ?? 0)}`));
  lines.push('', `Predicted interactions (${s.interactions.length})`);
  for (const i of s.interactions)
    lines.push(`  ${i.tStart.toFixed(2)} s  ${i.a} ${i.type.replace('_', ' ')} ${i.b}  (confidence ${Math.round(i.confidence * 100)}%)`);
  for (const n of p.notices) lines.push(`! ${n}`);
  lines.push('', `decode ${p.timings.decodeMs} ms · segment ${p.timings.segmentMs} ms · simulate ${p.timings.simulateMs} ms`);
  return lines.join('\n');
}

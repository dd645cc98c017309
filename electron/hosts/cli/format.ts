import type { DoctorReport } from '../../../shared/contract';

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

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine';

/** The layer rules from DESIGN.md, checked on every import in the source tree. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? '');
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|net$|worker_threads$|url$)/;

function violations(dir: string, forbidden: (spec: string, file: string) => string | null): string[] {
  const found: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of imports(file)) {
      const why = forbidden(spec, file);
      if (why) found.push(`${file} imports ${spec}: ${why}`);
    }
  }
  return found;
}

describe('layer rules', () => {
  it('shared/ is pure: no Node, Electron, DOM frameworks or upper layers', () => {
    expect(
      violations('shared', (spec) => {
        if (NODE_BUILTIN.test(spec)) return 'Node built-in';
        if (spec === 'electron' || spec.startsWith('react') || spec === 'onnxruntime-node') return 'runtime-specific package';
        if (/\.\.\/(.*\/)?(electron|renderer)\//.test(spec)) return 'upper layer';
        return null;
      }),
    ).toEqual([]);
  });

  it('renderer/ talks to the app only through the typed API: no Node, Electron or electron/ code', () => {
    expect(
      violations('renderer', (spec) => {
        if (NODE_BUILTIN.test(spec)) return 'Node built-in';
        if (spec === 'electron' || spec === 'onnxruntime-node' || spec === 'ws') return 'Node-only package';
        if (/\/electron\//.test(spec)) return 'electron layer';
        return null;
      }),
    ).toEqual([]);
  });

  it('electron/ never imports the renderer', () => {
    expect(violations('electron', (spec) => (/\/renderer\//.test(spec) ? 'renderer layer' : null))).toEqual([]);
  });

  it('onnxruntime-node loads only in the engine process', () => {
    const offenders = ['electron', 'renderer', 'shared']
      .flatMap(sources)
      .filter((f) => !f.startsWith('electron/engine/'))
      .filter((f) => readFileSync(join(ROOT, f), 'utf8').match(/require\(['"]onnxruntime-node['"]\)|from ['"]onnxruntime-node['"]/));
    expect(offenders).toEqual([]);
  });

  it('the preload imports only electron and the contract glue', () => {
    const allowed = ['electron', './bridge', '../../shared/contract/api', '../../shared/contract/channel-names', '../common/ipc-channels'];
    expect(
      sources('electron/preload')
        .flatMap(imports)
        .filter((s) => !allowed.includes(s)),
    ).toEqual([]);
  });
});

// Writes docs/model-pack.schema.json from the zod manifest schema (the single source of truth).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({
  absWorkingDir: root,
  stdin: {
    contents:
      "import { z } from 'zod'; import { ModelManifestSchema } from './shared/models/manifest'; export default z.toJSONSchema(ModelManifestSchema, { io: 'input', unrepresentable: 'any' });",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
});
const { default: schema } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const file = join(root, 'docs', 'model-pack.schema.json');
writeFileSync(
  file,
  `${JSON.stringify({ ...schema, title: 'PhysStudio model-pack manifest', $id: 'https://physstudio.invalid/model-pack.schema.json' }, null, 2)}\n`,
);
console.log(`wrote ${file}`);

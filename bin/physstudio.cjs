#!/usr/bin/env node
// The package's CLI entry: runs the built CLI bundle (see `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli', 'main.cjs');
if (!existsSync(cli)) {
  process.stderr.write('physstudio: not built yet; run `npm run build` in the PhysStudio folder first.\n');
  process.exit(1);
}
require(cli);

import { build } from 'esbuild';
const b = await build({ absWorkingDir: '/work/wt/refiner', entryPoints: ['shared/refine/builtin.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
const { refineBuiltin } = await import(`data:text/javascript;base64,${Buffer.from(b.outputFiles[0].text).toString('base64')}`);
for (const p of process.argv.slice(2)) {
  const r = refineBuiltin(p);
  console.log('##', p);
  console.log(' entities:', r.analysis.entities.map((e) => `${e.text}[${e.noun}/${e.material}/${e.state}${e.contents ? ' holds ' + e.contents : ''}]`).join(', '));
  console.log(' phen:', r.analysis.phenomena.map((x) => `${x.id}(${x.trigger})`).join(', '));
  console.log(' refined:', r.refined);
}

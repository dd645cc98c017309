import { resolve } from 'node:path';
import { ENGINE_HOST_ENV } from '../common/engine-protocol';
import { defaultDataDir, enginePaths } from '../common/paths';
import { dispatch } from './dispatch';
import { connectParent } from './parent-port';
import { createEngineState } from './state';

const port = connectParent();
const host = process.env[ENGINE_HOST_ENV] === 'electron-utility' ? 'electron-utility' : 'node-child';
const resourcesDir = process.env.PHYSSTUDIO_RESOURCES_DIR ?? resolve(__dirname, '..', '..', 'resources');
const state = createEngineState(enginePaths(defaultDataDir(), resourcesDir), host, (name, payload) => port.send({ t: 'event', name, payload }));

port.onMessage((message) => {
  if (message?.t === 'shutdown') process.exit(0);
  if (message?.t !== 'req' || typeof message.id !== 'number') return;
  void dispatch(state, message.channel, message.payload).then((envelope) => port.send({ t: 'res', id: message.id, envelope }));
});
port.onDisconnect(() => process.exit(0));

// An unexpected exception leaves unknown state behind; exit and let the host restart a clean engine.
process.on('uncaughtException', (err) => {
  process.stderr.write(`[engine] fatal: ${err.stack ?? err.message}\n`);
  process.exit(70);
});

port.send({ t: 'ready', pid: process.pid });

// Load the prompt refiner once start-up is over, so the user's first keystroke is answered at
// once instead of paying the NLP library's load time.
setTimeout(() => void import('./refine/handler').catch(() => {}), 1_000).unref();

// A run cut short by a crash left a hidden partial folder; it is never a valid run, so it goes.
void import('./preview/library').then(({ sweepPartials }) => sweepPartials(state.paths.libraryDir)).catch(() => {});

// Temporary files of atomic writes cut short (settings, run records, imported inputs): never read, so they go.
void import('../common/atomic-write').then(({ sweepTempFiles }) => sweepTempFiles([state.paths.dataDir], 3)).catch(() => {});

// The same for a pack import, replacement or removal cut short.
void import('./models/import').then(({ sweepModels }) => sweepModels(state.paths.modelsDir)).catch(() => {});

import { createApi, type PhysStudioApi } from '../../../shared/contract';
import { EngineClient } from '../engine-client';
import { appLayout, assertBuilt } from '../layout';
import { nodeEngineSpawner } from '../spawn-node';

export interface Engines {
  apis: PhysStudioApi[];
  stop(): Promise<void>;
}

/**
 * N engine processes for one batch on this machine. Each is its own process with its own job
 * queue, so N cases are made at once; all share the user's library. An engine that crashes on
 * a case restarts (the case is recorded as failed) rather than ending the batch.
 */
export async function startEngines(dataDir: string, count: number): Promise<Engines> {
  const layout = appLayout();
  assertBuilt(layout);
  const clients = Array.from(
    { length: count },
    () => new EngineClient({ spawn: nodeEngineSpawner({ enginePath: layout.enginePath, resourcesDir: layout.resourcesDir, dataDir }), maxRestarts: 3 }),
  );
  try {
    // Started together before any case runs: an engine sweeps the library's partial runs as it starts.
    await Promise.all(clients.map((c) => c.start()));
  } catch (err) {
    await Promise.all(clients.map((c) => c.stop()));
    throw err;
  }
  return { apis: clients.map((c) => createApi(c)), stop: async () => void (await Promise.all(clients.map((c) => c.stop()))) };
}

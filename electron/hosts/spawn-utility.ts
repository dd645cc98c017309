import { utilityProcess } from 'electron';
import { ENGINE_HOST_ENV } from '../common/engine-protocol';
import { type EngineProcess, type SpawnEngine, TailBuffer } from './engine-process';

/** Starts the engine as an Electron utilityProcess: the desktop app's engine host. */
export function utilityEngineSpawner(options: { enginePath: string; resourcesDir: string; dataDir: string }): SpawnEngine {
  return () => {
    const child = utilityProcess.fork(options.enginePath, [], {
      serviceName: 'PhysStudio Engine',
      stdio: 'pipe',
      env: {
        ...process.env,
        [ENGINE_HOST_ENV]: 'electron-utility',
        PHYSSTUDIO_RESOURCES_DIR: options.resourcesDir,
        PHYSSTUDIO_DATA_DIR: options.dataDir,
      },
    });
    const stderr = new TailBuffer();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const exitListeners: Array<(reason: string) => void> = [];
    let exitReason: string | undefined;
    child.on('exit', (code) => {
      exitReason = `exit code ${code}`;
      for (const listener of exitListeners) listener(exitReason);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => child.postMessage(m),
      onMessage: (listener) => child.on('message', (m) => listener(m as Parameters<typeof listener>[0])),
      onExit: (listener) => {
        if (exitReason !== undefined) listener(exitReason);
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill();
      },
      recentStderr: () => stderr.toString(),
    } satisfies EngineProcess;
  };
}

import { fork } from 'node:child_process';
import { ENGINE_HOST_ENV } from '../common/engine-protocol';
import { type EngineProcess, type SpawnEngine, TailBuffer } from './engine-process';

export interface NodeSpawnOptions {
  enginePath: string;
  resourcesDir: string;
  dataDir: string;
  /** Mirror the engine's stderr to ours (the browser host's --verbose). */
  echoStderr?: boolean;
}

/** Starts the engine as a plain Node child process: used by the browser host and the CLI. */
export function nodeEngineSpawner(options: NodeSpawnOptions): SpawnEngine {
  return () => {
    const child = fork(options.enginePath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        [ENGINE_HOST_ENV]: 'node-child',
        PHYSSTUDIO_RESOURCES_DIR: options.resourcesDir,
        PHYSSTUDIO_DATA_DIR: options.dataDir,
      },
    });
    const stderr = new TailBuffer();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.echoStderr) process.stderr.write(chunk);
    });
    // The engine never prints results on stdout; drain it so a chatty native library cannot block it.
    child.stdout?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const exitListeners: Array<(reason: string) => void> = [];
    let exitReason: string | undefined;
    const report = (reason: string) => {
      if (exitReason !== undefined) return;
      exitReason = reason;
      for (const listener of exitListeners) listener(reason);
    };
    child.on('exit', (code, signal) => report(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.on('error', (err) => report(`could not start: ${err.message}`));
    return {
      pid: child.pid,
      send: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as Parameters<typeof listener>[0])),
      onExit: (listener) => {
        if (exitReason !== undefined) listener(exitReason);
        else exitListeners.push(listener);
      },
      kill: () => child.kill('SIGKILL'),
      recentStderr: () => stderr.toString(),
    } satisfies EngineProcess;
  };
}

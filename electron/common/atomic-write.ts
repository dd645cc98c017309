import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirectory } from './path-policy';

/** `.<name>.<pid>.<12 hex>.tmp`: the temporary file of a write in progress (or cut short). */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * A test-only fault: with PHYSSTUDIO_FAULT_ENOSPC set to a folder, writes under it fail as a full
 * disk would, after the temporary file is made. Used only where a small tmpfs cannot be mounted.
 */
function injectedFault(target: string): NodeJS.ErrnoException | undefined {
  const under = process.env.PHYSSTUDIO_FAULT_ENOSPC;
  if (!under || !target.startsWith(`${under}/`)) return undefined;
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${target}'`), { code: 'ENOSPC', path: target });
}

/**
 * Writes a file so readers only ever see the old or the new content: write a temporary file in
 * the same folder, flush it to disk, then rename over the target (atomic on one filesystem).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(target);
  await makeDirectory(dir);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o644);
  try {
    const fault = injectedFault(target);
    if (fault) throw fault;
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left by writes that were cut short (a crash or a kill between open and
 * rename), in `dirs` and their sub-folders down to `depth`. A file whose writer is still running
 * is kept unless it is older than a day (its pid has then surely been reused).
 */
export async function sweepTempFiles(dirs: string[], depth = 2, maxAgeMs = 24 * 3_600_000): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (dir: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (level < depth) await visit(path, level + 1);
        continue;
      }
      const match = entry.isFile() ? TEMP_NAME.exec(entry.name) : null;
      if (!match) continue;
      const stale = !alive(Number(match[2])) || Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0) > maxAgeMs;
      if (
        stale &&
        (await rm(path, { force: true }).then(
          () => true,
          () => false,
        ))
      )
        removed.push(path);
    }
  };
  for (const dir of dirs) await visit(dir, 0);
  return removed;
}

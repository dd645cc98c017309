import { createHash, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * sha256 of a clip's raw frames is a fifth of its render time (≈ 80 ms for 95 MB) and needs no
 * result until the end, so it runs on a worker thread while the main thread draws the next
 * frames. Buffers the caller owns are handed over without a copy (`handOver`).
 */
const CODE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const open = new Map();
parentPort.on('message', (m) => {
  if (m.t === 'update') {
    let h = open.get(m.id);
    if (!h) open.set(m.id, (h = createHash('sha256')));
    h.update(new Uint8Array(m.buffer, m.offset, m.length));
  } else if (m.t === 'digest') {
    const h = open.get(m.id) ?? createHash('sha256');
    open.delete(m.id);
    parentPort.postMessage({ id: m.id, digest: h.digest('hex') });
  } else if (m.t === 'drop') open.delete(m.id);
});`;

let worker: Worker | null | undefined;
const waiting = new Map<string, { resolve: (digest: string) => void; reject: (err: Error) => void }>();

function shared(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(CODE, { eval: true });
    worker.on('message', (m: { id: string; digest: string }) => {
      waiting.get(m.id)?.resolve(m.digest);
      waiting.delete(m.id);
      // Idle, the thread must not keep the process alive; a pending digest must (see digest()).
      if (waiting.size === 0) worker?.unref();
    });
    // A worker that dies takes its pending digests with it (they fail); later hashes run in-thread.
    const died = (err: Error) => {
      worker = null;
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the hashing thread exited (${code})`)));
    // Listening for messages refs the thread; an idle one must not hold the process open.
    worker.unref();
  } catch {
    worker = null;
  }
  return worker;
}

export interface FramesHash {
  /** Hashes a copy of `chunk`: safe for any view, Node's pooled Buffers included. */
  update(chunk: Uint8Array): void;
  /**
   * Hands the first `length` bytes of a buffer the caller owns alone over without copying; the
   * buffer is detached (unusable) afterwards. Never pass the memory of a pooled Buffer.
   */
  handOver(owned: ArrayBuffer, length: number): void;
  digest(): Promise<string>;
  drop(): void;
}

/** For tests: stops the hashing thread as a crash would. */
export async function stopHashThread(): Promise<void> {
  await worker?.terminate();
}

export function framesHash(): FramesHash {
  const w = shared();
  if (!w) {
    const hash = createHash('sha256');
    return {
      update: (c) => hash.update(c),
      handOver: (owned, length) => hash.update(new Uint8Array(owned, 0, length)),
      digest: async () => hash.digest('hex'),
      drop: () => {},
    };
  }
  const id = randomBytes(6).toString('hex');
  const send = (buffer: ArrayBuffer, length: number) => w.postMessage({ t: 'update', id, buffer, offset: 0, length }, [buffer]);
  return {
    update: (c) => {
      const copy = new Uint8Array(c.byteLength);
      copy.set(c);
      send(copy.buffer, copy.byteLength);
    },
    handOver: send,
    digest: () =>
      new Promise((resolve, reject) => {
        // A thread that died after this hash began lost its chunks: say so rather than wait forever.
        if (worker !== w) {
          reject(new Error('the hashing thread stopped before the frames were hashed'));
          return;
        }
        waiting.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ t: 'digest', id });
      }),
    drop: () => w.postMessage({ t: 'drop', id }),
  };
}

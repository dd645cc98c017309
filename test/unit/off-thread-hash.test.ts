import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { framesHash } from '../../electron/engine/preview/off-thread-hash';

const chunk = (n: number, seed: number) => {
  const b = Buffer.allocUnsafeSlow(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 255;
  return b;
};

describe('hashing frames on another thread', () => {
  it('gives the sha256 of the chunks in the order they were handed over, for several hashes at once', async () => {
    const parts = [chunk(1000, 1), chunk(70_000, 2), chunk(3, 3)];
    const expected = createHash('sha256');
    for (const p of parts) expected.update(p);
    const other = createHash('sha256').update(chunk(500, 9)).digest('hex');
    const a = framesHash();
    const b = framesHash();
    for (const p of parts) a.update(Buffer.from(p));
    b.update(chunk(500, 9));
    expect(await Promise.all([a.digest(), b.digest()])).toEqual([expected.digest('hex'), other]);
  });

  it('takes buffers it is given without copying them, and leaves pooled Buffers alone', async () => {
    const owned = chunk(2048, 7);
    const pooled = Buffer.from('small pooled bytes');
    const neighbour = Buffer.from('a neighbour in the same pool');
    const expected = createHash('sha256').update(owned.subarray(0, 1500)).update(pooled).digest('hex');
    const h = framesHash();
    h.handOver(owned.buffer as ArrayBuffer, 1500);
    h.update(pooled);
    expect(await h.digest()).toBe(expected);
    expect(owned.buffer.byteLength).toBe(0);
    expect(neighbour.toString()).toBe('a neighbour in the same pool');
  });

  it('hashes a view into a larger buffer exactly, not the whole buffer', async () => {
    const whole = chunk(4096, 5);
    const view = whole.subarray(100, 1100);
    const expected = createHash('sha256').update(view).digest('hex');
    const h = framesHash();
    h.update(view);
    expect(await h.digest()).toBe(expected);
  });

  it('gives the empty input’s hash when nothing was handed over', async () => {
    expect(await framesHash().digest()).toBe(createHash('sha256').digest('hex'));
  });
});

describe('when the hashing thread dies', () => {
  it('fails a hash that was under way instead of waiting forever, and later hashes still work', async () => {
    const { stopHashThread } = await import('../../electron/engine/preview/off-thread-hash');
    const started = framesHash();
    started.update(chunk(1000, 4));
    await stopHashThread();
    await expect(started.digest()).rejects.toThrow(/hashing thread/);
    const later = framesHash();
    later.update(chunk(10, 1));
    expect(await later.digest()).toBe(createHash('sha256').update(chunk(10, 1)).digest('hex'));
  });
});

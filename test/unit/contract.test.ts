import { describe, expect, it } from 'vitest';
import {
  AppError,
  CHANNEL_NAMES,
  channels,
  createApi,
  type Envelope,
  fail,
  MAX_REQUEST_BYTES,
  ok,
  parseRequest,
  type Transport,
  toErrorData,
} from '../../shared/contract';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a throw');
}

describe('parseRequest', () => {
  it('accepts a valid request and returns the parsed input', () => {
    const { input } = parseRequest('models.verify', { packId: 'tiny', jobId: 'job_1' });
    expect(input).toEqual({ packId: 'tiny', jobId: 'job_1' });
  });

  it('refuses an unknown channel', () => {
    expect(thrown(() => parseRequest('system.format-disk', {})).code).toBe('bad_request');
    expect(thrown(() => parseRequest('__proto__', {})).code).toBe('bad_request');
  });

  it('refuses wrong types and extra fields with the failing path', () => {
    const wrongType = thrown(() => parseRequest('models.verify', { packId: 42, jobId: 'j' }));
    expect(wrongType.code).toBe('bad_request');
    expect(wrongType.details?.join()).toMatch(/packId/);
    const extra = thrown(() => parseRequest('system.doctor', { admin: true }));
    expect(extra.code).toBe('bad_request');
    expect(extra.details?.join()).toMatch(/admin/);
  });

  it('refuses a 10 MB string before validating it', () => {
    const err = thrown(() => parseRequest('models.verify', { packId: 'x'.repeat(10 * 1024 * 1024), jobId: 'j' }));
    expect(err.code).toBe('payload_too_large');
  });

  it('refuses a long id that fits the size cap', () => {
    expect(thrown(() => parseRequest('models.verify', { packId: 'x'.repeat(5000), jobId: 'j' })).code).toBe('bad_request');
  });

  it('every channel has a schema and a positive time limit', () => {
    for (const name of CHANNEL_NAMES) {
      expect(channels[name].timeoutMs).toBeGreaterThan(0);
    }
  });
});

describe('errors cross boundaries intact', () => {
  it('survives JSON serialisation as an envelope and comes back as an AppError', async () => {
    const transport: Transport = {
      invoke: async () => JSON.parse(JSON.stringify(fail(new AppError('not_found', 'No pack "x".', 'Open System.', ['a']).toData()))) as Envelope<unknown>,
      subscribe: () => () => {},
    };
    const api = createApi(transport);
    const err = await api['models.list']({}).catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'not_found', message: 'No pack "x".', hint: 'Open System.', details: ['a'] });
  });

  it('turns unknown throws into internal errors with a hint', () => {
    expect(toErrorData(new TypeError('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toErrorData('plain')).toMatchObject({ code: 'internal', message: 'plain' });
  });

  it('validates responses: a malformed engine answer becomes an internal error', async () => {
    const api = createApi({ invoke: async () => ok({ pid: 'not a number' }), subscribe: () => () => {} });
    await expect(api['system.ping']({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers only valid events of the subscribed name', () => {
    let emit: (name: string, payload: unknown) => void = () => {};
    const api = createApi({
      invoke: async () => ok({}),
      subscribe: (l) => {
        emit = l;
        return () => {};
      },
    });
    const seen: unknown[] = [];
    api.on('engine.status', (s) => seen.push(s));
    emit('engine.status', { state: 'ready', pid: 1, restarts: 0 });
    emit('engine.status', { state: 'exploded' });
    emit('job.progress', { jobId: 'j', channel: 'c', label: 'l', stage: 's', fraction: 0.5 });
    expect(seen).toEqual([{ state: 'ready', pid: 1, restarts: 0 }]);
  });

  it('keeps the request size limit at 1 MiB', () => {
    expect(MAX_REQUEST_BYTES).toBe(1024 * 1024);
  });
});

describe('per-channel size limits', () => {
  it('lets the import request carry a multi-megabyte image but keeps 1 MiB elsewhere', () => {
    const image = 'A'.repeat(8 * 1024 * 1024);
    expect(() => parseRequest('inputs.import', { name: 'photo.jpg', dataBase64: image })).not.toThrow();
    expect(() =>
      parseRequest('prompt.refine', {
        prompt: 'a',
        jobId: image.slice(0, 10),
        scene: { objects: [{ label: image.slice(0, 2_000_000), material: null, dynamic: true }] },
      }),
    ).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });
});

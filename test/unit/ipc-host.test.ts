import { describe, expect, it, vi } from 'vitest';
import { createIpcInvokeHandler, isTrustedSender } from '../../electron/hosts/ipc-host';
import { ok, type Transport } from '../../shared/contract';

const ORIGIN = 'app://physstudio';

function engine() {
  const invoke = vi.fn<Transport['invoke']>(async () => ok({ pid: 1, uptimeMs: 1 }));
  return { transport: { invoke, subscribe: () => () => {} } satisfies Transport, invoke };
}

describe('Electron IPC host', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender({ frameUrl: 'app://physstudio/index.html', isMainFrame: true }, ORIGIN)).toBe(true);
    expect(isTrustedSender({ frameUrl: 'app://physstudio/index.html', isMainFrame: false }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///etc/passwd', isMainFrame: true }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'not a url', isMainFrame: true }, ORIGIN)).toBe(false);
  });

  it('refuses an untrusted sender without reaching the engine', async () => {
    const { transport, invoke } = engine();
    const handle = createIpcInvokeHandler(transport, ORIGIN);
    const result = await handle({ frameUrl: 'https://evil.example/', isMainFrame: true }, 'system.ping', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('answers malformed payloads with a typed error without reaching the engine', async () => {
    const { transport, invoke } = engine();
    const handle = createIpcInvokeHandler(transport, ORIGIN);
    const sender = { frameUrl: 'app://physstudio/index.html', isMainFrame: true };
    expect(await handle(sender, 'models.verify', { packId: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await handle(sender, 'nope', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await handle(sender, 'system.ping', 'x'.repeat(2_000_000))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('forwards a valid request to the engine with the parsed input', async () => {
    const { transport, invoke } = engine();
    const handle = createIpcInvokeHandler(transport, ORIGIN);
    const result = await handle({ frameUrl: 'app://physstudio/index.html', isMainFrame: true }, 'system.ping', {});
    expect(result).toEqual({ ok: true, value: { pid: 1, uptimeMs: 1 } });
    expect(invoke).toHaveBeenCalledWith('system.ping', {});
  });
});

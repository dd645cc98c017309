import { type Channel, channels, type Envelope, fail, type Transport } from '../../../shared/contract';

const TOKEN_KEY = 'physstudio.token';

/** Reads the per-start token from the URL once, keeps it for this tab, and hides it from the address bar. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The browser host's transport: requests over HTTP, events over one WebSocket that reconnects. */
export function webTransport(token: string): Transport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let retry = 250;
  const connect = () => {
    const ws = new WebSocket(`ws://${window.location.host}/api/events?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      retry = 250;
    };
    ws.onmessage = (event) => {
      try {
        const { name, payload } = JSON.parse(String(event.data)) as { name: unknown; payload: unknown };
        if (typeof name === 'string') for (const listener of listeners) listener(name, payload);
      } catch {
        // a malformed event is dropped; events are advisory
      }
    };
    ws.onclose = () => {
      for (const listener of listeners)
        listener('engine.status', { state: 'starting', pid: null, restarts: 0, reason: 'Reconnecting to the PhysStudio host…' });
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5_000);
    };
  };
  connect();

  return {
    async invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-physstudio-token': token },
          body: JSON.stringify(input ?? {}),
          signal: AbortSignal.timeout(channels[channel].timeoutMs + 5_000),
        });
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        return fail({
          code: timedOut ? 'timeout' : 'engine_unavailable',
          message: timedOut ? `${channel} took too long.` : 'The PhysStudio host is not reachable.',
          hint: 'Check that `npm start` (or `npm run web`) is still running, then reload.',
        });
      }
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return fail({ code: 'internal', message: `The host answered ${response.status} without a valid body.` });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

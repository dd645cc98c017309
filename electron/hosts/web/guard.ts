import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../../shared/contract';

/**
 * Request checks for the loopback browser host. A page on another site can reach 127.0.0.1, so
 * every API request must carry the per-start token, come from our own origin (when a browser
 * says where it comes from), and name our host (which defeats DNS rebinding).
 */
export interface Guard {
  check(req: IncomingMessage, tokenFromQuery: boolean): void;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createGuard(token: string, port: () => number): Guard {
  return {
    check(req, tokenFromQuery) {
      const p = port();
      const hosts = [`127.0.0.1:${p}`, `localhost:${p}`];
      if (!hosts.includes(req.headers.host ?? '')) {
        throw new AppError('forbidden_origin', 'Requests must be addressed to 127.0.0.1.');
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
        throw new AppError('forbidden_origin', `Requests from ${origin.slice(0, 100)} are not allowed.`, 'Open PhysStudio from the URL the host printed.');
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const given = tokenFromQuery ? url.searchParams.get('token') : req.headers['x-physstudio-token'];
      if (typeof given !== 'string' || !sameToken(given, token)) {
        throw new AppError('unauthorized', 'This request has no valid session token.', 'Open PhysStudio from the URL the host printed (it contains ?token=…).');
      }
    },
  };
}

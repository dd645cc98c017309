import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  AppError,
  type Envelope,
  fail,
  HTTP_STATUS,
  isChannel,
  MAX_REQUEST_BYTES,
  maxRequestBytes,
  type Transport,
  toErrorData,
} from '../../../shared/contract';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import { hostInvoke } from '../host-invoke';
import { contentType, resolveInside } from '../safe-path';
import { createGuard } from './guard';

export interface WebHostOptions {
  engine: Transport & { status?: unknown };
  rendererDir: string;
  libraryDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  const error = toErrorData(err);
  // A refused body may still be arriving; the connection is not reused for the next request.
  if (error.code === 'payload_too_large') res.shouldKeepAlive = false;
  sendJson(res, HTTP_STATUS[error.code], fail(error));
}

const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/** Reads and drops the rest of a refused body, then refuses; a sender that goes on past the bounds is refused at once. */
function refuseAfterDrain(req: IncomingMessage, refuse: () => void): void {
  let drained = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', count);
    refuse();
  };
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MAX_MS);
  req.on('data', count);
  req.once('end', finish);
  req.once('error', finish);
  req.once('close', finish);
  if (req.complete) finish();
  req.resume();
}

/**
 * Reads a request body up to `limit` bytes. Over the limit, whether declared (Content-Length)
 * or found while reading (chunked), the request is refused with a typed 413; the rest of the
 * body is read and dropped rather than reset, so the client gets the answer, not a TCP reset.
 * The answer waits until the body has ended: answering first and closing the connection makes a
 * client that is still sending fail with EPIPE before it reads the 413. The drain is bounded.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new AppError('payload_too_large', `This request is limited to ${Math.round(limit / 1024)} KiB.`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      refuseAfterDrain(req, () => reject(tooLarge()));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', collect);
        chunks.length = 0;
        refuseAfterDrain(req, () => reject(tooLarge()));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', collect);
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * A page cannot choose folders on this machine (the browser never shows it a path), so through
 * the browser host exports go only to the run's own exports folder, which `media` then serves.
 */
function refuseChosenFolder(channel: string, payload: unknown): void {
  if (channel === 'runs.export' && payload !== null && typeof payload === 'object' && 'dir' in payload) {
    throw new AppError('bad_request', 'The browser host exports into the run’s own exports folder; a page cannot choose a folder.', 'Leave out "dir".');
  }
}

async function serveFile(res: ServerResponse, root: string, urlPath: string, headers: Record<string, string>): Promise<void> {
  const file = await resolveInside(root, urlPath);
  const info = await stat(file);
  if (!info.isFile()) throw new AppError('not_found', 'Not a file.');
  res.writeHead(200, { ...headers, 'content-type': contentType(file), 'content-length': info.size });
  createReadStream(file).pipe(res);
}

/**
 * The browser host: serves the built renderer and exposes the contract over HTTP (requests) and
 * a WebSocket (events) on 127.0.0.1. It is an adapter over the same engine client the other
 * hosts use.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const guard = createGuard(token, () => port);

  const baseHeaders = () => ({
    'content-security-policy': contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`], media: [] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    try {
      if (path.startsWith('/api/invoke/')) {
        if (req.method !== 'POST') throw new AppError('bad_request', 'Use POST for API requests.');
        guard.check(req, false);
        const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
        // JSON text is about half the in-memory size the contract's limits count.
        const body = await readBody(req, isChannel(channel) ? Math.ceil(maxRequestBytes(channel) / 2) : MAX_REQUEST_BYTES);
        let payload: unknown;
        try {
          payload = body.length === 0 ? {} : JSON.parse(body);
        } catch {
          throw new AppError('bad_request', 'The request body is not valid JSON.');
        }
        refuseChosenFolder(channel, payload);
        const envelope = await hostInvoke(options.engine, channel, payload);
        sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], envelope);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('bad_request', 'Only GET is served here.');
      if (path.startsWith('/media/')) {
        guard.check(req, true);
        await serveFile(res, options.libraryDir, path.slice('/media/'.length), { ...baseHeaders(), 'cache-control': 'no-store' });
        return;
      }
      const asset = path === '/' ? 'index.html' : path;
      await serveFile(res, options.rendererDir, asset, { ...baseHeaders(), 'cache-control': asset === 'index.html' ? 'no-store' : 'max-age=3600' });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, err);
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  server.headersTimeout = 10_000;
  // Long enough to upload a 100 MB image over loopback on a slow machine.
  server.requestTimeout = 120_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    try {
      if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/api/events') throw new AppError('not_found', 'No such socket.');
      guard.check(req, true);
    } catch (err) {
      const code = HTTP_STATUS[toErrorData(err).code];
      socket.end(`HTTP/1.1 ${code} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    if (options.engine.status) ws.send(JSON.stringify({ name: 'engine.status', payload: options.engine.status }));
    const unsubscribe = options.engine.subscribe((name, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ name, payload }));
    });
    ws.on('close', unsubscribe);
    // The socket is one-way (events out); anything the page sends is ignored. A frame that breaks
    // the protocol (unmasked, oversized, bad opcode) is an error on this socket alone: without
    // a listener, ws would raise it as an unhandled 'error' event and take the whole host down.
    ws.on('message', () => {});
    ws.on('error', () => ws.terminate());
  });
  wss.on('error', () => {
    // Errors of the server object itself (none expected with noServer); never fatal to the host.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type Server, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { ReadyResponse } from '@govpass/shared-types';
import type { Logger } from './create-logger';

export interface DrainOptions {
  /** How long /readyz answers 503 while traffic is still served (the load balancer's cue). */
  graceMs: number;
  /** The most the drain may take after that; then open connections are cut. */
  timeoutMs: number;
  logger: Logger;
  /** A keep-alive connection with nothing in progress for this long is closed (default 500 ms). */
  idleCloseMs?: number;
}

export interface DrainingServer {
  server: Server;
  /** Runs the drain; resolves once every connection has closed (`forced`: some had to be cut). */
  drain: () => Promise<{ forced: boolean }>;
}

type Phase = 'serving' | 'announcing' | 'closing';

/** Per connection: answers in progress, and since when / at which byte count it has been idle. */
interface SocketState {
  active: number;
  idleSince: number;
  bytesAtIdle: number;
}

const DRAINING_TEXT = JSON.stringify({ status: 'unavailable', checks: { draining: 'fail' } } satisfies ReadyResponse);
const SWEEP_MS = 50;

/**
 * An HTTP server that shuts down as well-behaved servers do. drain() → `announcing`: /readyz answers
 * 503 for `graceMs` while every other request is served as usual, so a load balancer stops sending.
 * Then `closing`: the listener closes, every request already received (in progress, or arriving
 * later on an open keep-alive connection) is answered with `Connection: close`, and keep-alive
 * connections left idle are closed once idle for `idleCloseMs` with no byte received since their
 * last answer. So a client busy on a connection gets its `Connection: close` instead of a reset,
 * and nothing the server has begun reading is cut. (Node's own server.close() would close every
 * idle connection at once, including those whose next request is already on the wire.)
 */
export function createDrainingServer(app: RequestListener, opts: DrainOptions): DrainingServer {
  const idleCloseMs = opts.idleCloseMs ?? 500;
  let phase: Phase = 'serving';
  const sockets = new Map<Socket, SocketState>();
  const inProgress = new Set<ServerResponse>();

  const handler: RequestListener = (req, res) => {
    track(req.socket, res);
    if (phase !== 'serving' && isReadiness(req)) return answerDraining(req, res, phase);
    if (phase === 'closing') res.setHeader('Connection', 'close');
    return app(req, res);
  };

  // A Set entry, a counter and a listener per request: well under 1 % of a booking's CPU.
  const track = (socket: Socket, res: ServerResponse) => {
    const state = sockets.get(socket);
    if (state) state.active++;
    inProgress.add(res);
    res.once('close', () => {
      inProgress.delete(res);
      if (!state) return;
      state.active--;
      state.idleSince = Date.now();
      state.bytesAtIdle = socket.bytesRead;
    });
  };

  const server = createServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { active: 0, idleSince: Date.now(), bytesAtIdle: 0 });
    socket.once('close', () => sockets.delete(socket));
  });

  const closeIdle = () => {
    const now = Date.now();
    for (const [socket, s] of sockets) {
      if (s.active === 0 && socket.bytesRead === s.bytesAtIdle && now - s.idleSince >= idleCloseMs) socket.destroy();
    }
  };

  const drain = async (): Promise<{ forced: boolean }> => {
    if (phase !== 'serving') throw new Error('drain already running');
    phase = 'announcing';
    opts.logger.info({ graceMs: opts.graceMs }, 'draining: /readyz answers 503, still serving');
    if (opts.graceMs > 0) await new Promise((r) => setTimeout(r, opts.graceMs));
    phase = 'closing';
    opts.logger.info({ connections: sockets.size, inProgress: inProgress.size }, 'draining: no new connections, answering the rest with Connection: close');
    for (const res of inProgress) if (!res.headersSent) res.setHeader('Connection', 'close');
    return new Promise((resolve) => {
      let forced = false;
      const sweep = setInterval(closeIdle, SWEEP_MS);
      const force = setTimeout(() => {
        forced = true;
        opts.logger.warn({ connections: sockets.size }, 'drain timed out, closing connections');
        server.closeAllConnections();
      }, opts.timeoutMs);
      // net's close, not http's: http's closes every idle keep-alive connection at once.
      NetServer.prototype.close.call(server, () => {
        clearInterval(sweep);
        clearTimeout(force);
        resolve({ forced });
      });
    });
  };

  return { server, drain };
}

function isReadiness(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.url === '/readyz' || req.url?.startsWith('/readyz?') === true);
}

function answerDraining(req: IncomingMessage, res: ServerResponse, phase: Phase): void {
  req.resume();
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(DRAINING_TEXT), 'Cache-Control': 'no-store' };
  if (phase === 'closing') headers.Connection = 'close';
  res.writeHead(503, headers);
  res.end(req.method === 'HEAD' ? undefined : DRAINING_TEXT);
}

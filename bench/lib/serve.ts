import { createServer, type RequestListener } from 'node:http';

/**
 * Serves a benchmark floor on an ephemeral port of 127.0.0.1, prints `LISTENING <port>` once it
 * accepts connections (the bench waits for that line) and stops cleanly on SIGTERM/SIGINT.
 */
export function serveFloor(handler: RequestListener): void {
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

import type { Server } from 'node:http';

/** Stops a fake at once, even with a deliberately slow answer still pending. */
export async function closeFakeServer(server: Server, pendingTimers: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of pendingTimers) clearTimeout(timer);
  pendingTimers.clear();
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@govpass/config';
import { buildApp } from './app';
import { createDrainingServer } from './core/graceful-drain';
import { seedDemoData } from './demo/seed-demo-data';

const REPO_ROOT = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const config = loadConfig();
  // Relative paths in config are relative to the repository root, wherever npm runs us from.
  if (config.server.staticDir) config.server.staticDir = resolve(REPO_ROOT, config.server.staticDir);
  if (config.storage.sqlitePath !== ':memory:') config.storage.sqlitePath = resolve(REPO_ROOT, config.storage.sqlitePath);
  const app = await buildApp(config);
  if (config.demo.seed) await seedDemoData(app);

  const { server, drain } = createDrainingServer(app.handler, { graceMs: config.server.drainGraceMs, timeoutMs: config.server.shutdownGraceMs, logger: app.logger });
  server.keepAliveTimeout = 65_000;
  server.listen(config.server.port, config.server.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.server.port;
    const store = `${app.database.dialect} + ${app.hotStore.kind} hot store`;
    app.logger.info({ port, store }, 'listening');
    process.stdout.write(`\n  govpass is running at http://localhost:${port}/  (${store})\n\n`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const { forced } = await drain();
    await app.close();
    app.logger.info({ forced }, 'stopped');
    process.exit(0);
  };
  const onSignal = (signal: string) => {
    shutdown(signal).catch((err: unknown) => {
      app.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`govpass failed to start: ${(err as Error).stack ?? String(err)}\n`);
  }
  process.exit(1);
});

import { stopAllChildren } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a benchmark must undo however it ends (scratch database, Redis keys, temp files): run in
 * reverse order once, after every child server is stopped, also on error or Ctrl-C.
 */
export class Cleanups {
  private readonly items: { name: string; fn: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;
  interrupted = false;

  add(name: string, fn: () => Promise<void>): void {
    this.items.push({ name, fn });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      await stopAllChildren(5000).catch(() => undefined);
      for (const { name, fn } of this.items.reverse()) {
        try {
          await Promise.race([fn(), sleep(30_000).then(() => Promise.reject(new Error('timed out')))]);
        } catch (err) {
          process.stderr.write(`cleanup "${name}" failed: ${(err as Error).message}\n`);
        }
      }
    })();
    return this.running;
  }

  /** On SIGINT/SIGTERM: clean up, then exit 130. */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        this.interrupted = true;
        process.stderr.write(`\n${signal}: stopping servers and removing the scratch data…\n`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}

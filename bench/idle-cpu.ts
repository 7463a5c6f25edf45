/**
 * What the production BFF burns doing nothing: started from its bundle on scratch stores (all its
 * workers and stream consumers on), left to settle, then its CPU read from /proc over a window.
 * Every request of every benchmark pays this share (idle ms per second ÷ requests per second).
 *
 *   npx tsx bench/idle-cpu.ts [--settle=10] [--seconds=30]
 *
 * Last line: {"idleCpuMsPerSecond"}.
 */
import { join } from 'node:path';
import { prepareBench, startBffAndFloors } from './lib/bench-setup';
import { Cleanups } from './lib/cleanups';
import { intOption } from './lib/options';
import { cpuMicros } from './lib/processes';

const log = (m: string) => process.stdout.write(`${m}\n`);
const SETTLE_S = intOption('settle', 10, 0, 300);
const SECONDS = intOption('seconds', 30, 1, 600);
async function main(): Promise<void> {
  const cleanups = new Cleanups();
  cleanups.onSignals();
  try {
    const ws = await prepareBench('idle', cleanups, log);
    const { bff } = await startBffAndFloors(join(__dirname, '..'), ws, cleanups, [] as const);
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    const pid = bff.child.pid;
    const before = cpuMicros(pid);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const after = cpuMicros(pid);
    if (before === null || after === null) throw new Error('the BFF exited while idle');
    log(JSON.stringify({ idleCpuMsPerSecond: +((after - before) / 1000 / SECONDS).toFixed(1) }));
  } finally {
    await cleanups.run();
  }
}
void main();

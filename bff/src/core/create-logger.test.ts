import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Runs a small process that logs `lines` lines through createLogger, then ends as `end` says; returns its stdout. */
function logThenEnd(sync: boolean, end: 'return' | 'exit' | 'throw', lines = 3000): string {
  const script = `
    const { createLogger } = require('./bff/src/core/create-logger');
    const log = createLogger('info', undefined, { sync: ${sync} });
    for (let i = 0; i < ${lines}; i++) log.info({ i }, 'line');
    if ('${end}' === 'exit') process.exit(0);
    if ('${end}' === 'throw') throw new Error('boom');
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.stdout;
}

const count = (out: string) => out.split('\n').filter((l) => l.includes('"msg":"line"')).length;

describe('createLogger on stdout', () => {
  it.each(['return', 'exit', 'throw'] as const)('loses no line of an asynchronous stdout when the process ends by %s', (end) => {
    expect(count(logThenEnd(false, end))).toBe(3000);
  });

  it('writes the same lines synchronously when asked (LOG_SYNC=true)', () => {
    const out = logThenEnd(true, 'exit', 10);
    expect(count(out)).toBe(10);
    expect(JSON.parse(out.split('\n')[0])).toMatchObject({ level: 30, service: 'govpass-bff', i: 0, msg: 'line' });
  });
});

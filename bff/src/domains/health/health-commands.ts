import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HealthListType, SetRiskAreasRequest } from '@govpass/shared-types';
import { isAppError } from '../../core/app-error';
import type { HealthServices } from './build-health-domain';

export type Print = (line: string) => void;

export const HEALTH_USAGE = `health code:
  import-health-list --list <confirmed|suspected|close_contact|secondary_contact> <file.csv>
                                           official list "idNumber,date,releasedOn" (all rows or none)
  import-test-results <file.csv>           test results "idNumber,result,sampledAt" (all rows or none)
  set-risk-areas <file.json>               replace the risk areas: {"areas":[{"district","level","from","until"}]}; waits for the re-evaluation`;

type Command = (health: HealthServices, actor: string, args: string[], print: Print) => Promise<number>;

function printErrors(err: unknown, print: Print): number {
  if (!isAppError(err)) throw err;
  print(`error: ${err.message}`);
  const details = Array.isArray(err.details) ? (err.details as { line?: number; path?: string; message: string }[]) : [];
  for (const d of details) print(d.line !== undefined ? `line ${d.line}: ${d.message}` : `${d.path}: ${d.message}`);
  return 1;
}

const importList: Command = async (health, actor, args, print) => {
  const { values, positionals } = parseArgs({ args, options: { list: { type: 'string' } }, allowPositionals: true, strict: true });
  const list = HealthListType.safeParse(values.list);
  if (!list.success || positionals.length !== 1) {
    print(HEALTH_USAGE);
    return 2;
  }
  const result = await health.imports.importList({ actor, requestId: null }, list.data, readFileSync(positionals[0], 'utf8'));
  print(`imported ${result.imported} row(s) into ${list.data}; ${result.changed} person(s) changed colour`);
  return 0;
};

const importTests: Command = async (health, actor, args, print) => {
  if (args.length !== 1) {
    print(HEALTH_USAGE);
    return 2;
  }
  const result = await health.imports.importTestResults({ actor, requestId: null }, readFileSync(args[0], 'utf8'));
  print(`imported ${result.imported} test result(s); ${result.changed} person(s) changed colour`);
  return 0;
};

const setRiskAreas: Command = async (health, actor, args, print) => {
  if (args.length !== 1) {
    print(HEALTH_USAGE);
    return 2;
  }
  const { areas } = SetRiskAreasRequest.parse(JSON.parse(readFileSync(args[0], 'utf8')));
  const job = await health.riskAreas.replace({ actor, requestId: null }, areas);
  // The command line waits for the job: the process exits right after.
  await health.riskAreas.settle();
  const done = await health.riskAreas.job(job.id);
  print(`risk areas set: ${areas.length}; job ${done.id} ${done.status}: ${done.done}/${done.total} re-evaluated, ${done.changed} changed colour`);
  return done.status === 'done' ? 0 : 1;
};

export const HEALTH_COMMANDS: Record<string, Command> = {
  'import-health-list': importList,
  'import-test-results': importTests,
  'set-risk-areas': setRiskAreas,
};

/** Runs a health command; refusals (bad rows, by line) print and exit 1. */
export async function runHealthCommand(health: HealthServices, actor: string, argv: string[], print: Print): Promise<number> {
  const command = HEALTH_COMMANDS[argv[0]];
  try {
    return await command(health, actor, argv.slice(1), print);
  } catch (err) {
    return printErrors(err, print);
  }
}

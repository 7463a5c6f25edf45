import { ConfigError } from '@govpass/config';
import { buildApp } from '../app';
import { runAdminCommand } from './admin-commands';
import { resolveCliConfig } from './resolve-cli-config';

async function main(): Promise<number> {
  const app = await buildApp(resolveCliConfig());
  try {
    return await runAdminCommand(app, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as Error & { issues?: { path: unknown[]; message: string }[] };
    const msg = err instanceof ConfigError ? e.message : e.issues ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') : e.message;
    process.stderr.write(`admin: ${msg}\n`);
    process.exit(1);
  },
);

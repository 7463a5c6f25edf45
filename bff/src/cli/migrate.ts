import { ConfigError } from '@govpass/config';
import { createDatabase } from '../infra/db/create-database';
import { runMigrations } from '../infra/db/run-migrations';
import { resolveCliConfig } from './resolve-cli-config';

async function main(): Promise<void> {
  const config = resolveCliConfig();
  const database = createDatabase({ mysqlUrl: config.storage.mysqlUrl, sqlitePath: config.storage.sqlitePath });
  try {
    const { applied } = await runMigrations(database.db);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : `schema up to date (${database.dialect})\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});

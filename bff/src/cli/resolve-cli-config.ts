import { resolve } from 'node:path';
import { loadConfig, type AppConfig } from '@govpass/config';

const REPO_ROOT = resolve(__dirname, '../../..');

/** The same config the server would use, with relative paths anchored at the repository root. */
export function resolveCliConfig(): AppConfig {
  const config = loadConfig();
  if (config.storage.sqlitePath !== ':memory:') config.storage.sqlitePath = resolve(REPO_ROOT, config.storage.sqlitePath);
  config.log.level = 'warn';
  return config;
}

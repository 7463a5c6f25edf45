export { ConfigSchema, type AppConfig } from './config-schema';
export { loadConfig, ConfigError, deepMerge, type LoadConfigOptions } from './load-config';

import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const dir = join(__dirname, '..');

describe('loadConfig', () => {
  it('layers default, environment file and env vars', () => {
    const c = loadConfig({ dir, env: { NODE_ENV: 'test', PORT: '4321', REDIS_CLUSTER_NODES: '127.0.0.1:7000, 127.0.0.1:7001', DEV_LOGIN_ENABLED: 'false' } });
    expect(c.env).toBe('test');
    expect(c.server.port).toBe(4321);
    expect(c.server.host).toBe('127.0.0.1'); // from test.json
    expect(c.server.bodyLimitKb).toBe(32); // from default.json
    expect(c.storage.redisClusterNodes).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
    expect(c.auth.devLoginEnabled).toBe(false);
  });

  it('writes logs off the event loop unless LOG_SYNC=true', () => {
    for (const NODE_ENV of ['development', 'test']) expect(loadConfig({ dir, env: { NODE_ENV } }).log.sync).toBe(false);
    expect(loadConfig({ dir, env: { NODE_ENV: 'test', LOG_SYNC: 'true' } }).log.sync).toBe(true);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', LOG_SYNC: 'sometimes' } })).toThrow(/LOG_SYNC/);
  });

  it('keeps the development login off in production', () => {
    const c = loadConfig({ dir, env: { NODE_ENV: 'production', PII_ENCRYPTION_KEY: 'a'.repeat(64), PII_HASH_KEY: 'b'.repeat(64), PICKUP_CODE_KEY: 'c'.repeat(64) } });
    expect(c.auth.devLoginEnabled).toBe(false);
    expect(c.identity.registry).toBe('registry');
  });

  it('refuses to start production without its secrets, naming the keys', () => {
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'production' } })).toThrow(/security\.piiEncryptionKey[\s\S]*security\.piiHashKey[\s\S]*masks\.pickupCodeKey/);
  });

  it('names the bad key and value kind', () => {
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', PORT: 'eighty' } })).toThrow(/server\.port/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', MYSQL_URL: 'not a url' } })).toThrow(/storage\.mysqlUrl/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', DEV_LOGIN_ENABLED: 'yes' } })).toThrow(/DEV_LOGIN_ENABLED/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'staging' } })).toThrow(/env/);
  });
});

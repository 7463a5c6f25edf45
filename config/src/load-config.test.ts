import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const dir = join(__dirname, '..');
const KEYS = JSON.stringify([{ seed: 'd'.repeat(64), validFrom: '2026-01-01T00:00:00Z' }]);
const PRODUCTION: Record<string, string> = { NODE_ENV: 'production', PII_ENCRYPTION_KEY: 'a'.repeat(64), PII_HASH_KEY: 'b'.repeat(64), PICKUP_CODE_KEY: 'c'.repeat(64), CODE_SIGNING_KEYS: KEYS, PUBLIC_BASE_URL: 'https://gov.example.cn' };

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
    const c = loadConfig({ dir, env: PRODUCTION });
    expect(c.auth.devLoginEnabled).toBe(false);
    expect(c.codes).toEqual({ liveTtlSeconds: 60, printedTtlDays: 14, clockSkewSeconds: 30, signingKeys: JSON.parse(KEYS) });
    expect(c.identity.registry).toBe('registry');
  });

  it('refuses to start production without the public host printed codes name', () => {
    const { PUBLIC_BASE_URL: _url, ...rest } = PRODUCTION;
    expect(() => loadConfig({ dir, env: rest })).toThrow(/scanEntry\.publicBaseUrl: set PUBLIC_BASE_URL[\s\S]*venues\.publicHost: venue posters would print a local host/);
    expect(() => loadConfig({ dir, env: { ...PRODUCTION, PUBLIC_BASE_URL: 'http://gov.example.cn' } })).toThrow(/scanEntry\.publicBaseUrl/);
  });

  it("derives the venue posters' host from the one public address (PUBLIC_BASE_URL)", () => {
    expect(loadConfig({ dir, env: PRODUCTION }).venues.publicHost).toBe('gov.example.cn');
    expect(loadConfig({ dir, env: { ...PRODUCTION, PUBLIC_BASE_URL: 'https://gov.example.cn:8443/' } }).venues.publicHost).toBe('gov.example.cn:8443');
    // Both set: accepted when they agree (older deployments set both), refused with the reason when not.
    expect(loadConfig({ dir, env: { ...PRODUCTION, VENUES_PUBLIC_HOST: 'gov.example.cn' } }).venues.publicHost).toBe('gov.example.cn');
    expect(() => loadConfig({ dir, env: { ...PRODUCTION, VENUES_PUBLIC_HOST: 'other.example.cn' } })).toThrow(/venues\.publicHost: differs from the host of scanEntry\.publicBaseUrl \(gov\.example\.cn\): leave it unset/);
    // Posters live at the host's root: a base URL with a path cannot serve them.
    expect(() => loadConfig({ dir, env: { ...PRODUCTION, PUBLIC_BASE_URL: 'https://gov.example.cn/app' } })).toThrow(/venues\.publicHost: venue posters are https:\/\/<host>\/s\/venue\/<code> at the host's root/);
    // Development without a public address: the local server; an explicit host still works there.
    expect(loadConfig({ dir, env: { NODE_ENV: 'development', PORT: '4000' } }).venues.publicHost).toBe('localhost:4000');
    expect(loadConfig({ dir, env: { NODE_ENV: 'test' } }).venues.publicHost).toBe('localhost:3000');
    expect(loadConfig({ dir, env: { NODE_ENV: 'test', VENUES_PUBLIC_HOST: 'venues.test:8080' } }).venues.publicHost).toBe('venues.test:8080');
  });

  it('refuses to start production without its secrets, naming the keys', () => {
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'production' } })).toThrow(/security\.piiEncryptionKey[\s\S]*security\.piiHashKey[\s\S]*masks\.pickupCodeKey[\s\S]*codes\.signingKeys: set at least one signing key/);
  });

  it('reads personal-code signing keys from CODE_SIGNING_KEYS and checks them', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig({ dir, env: base }).codes.signingKeys).toHaveLength(1);
    expect(() => loadConfig({ dir, env: { ...base, CODE_SIGNING_KEYS: 'not json' } })).toThrow(/CODE_SIGNING_KEYS must be JSON/);
    expect(() => loadConfig({ dir, env: { ...base, CODE_SIGNING_KEYS: '[{"seed":"abc","validFrom":"2026-01-01T00:00:00Z"}]' } })).toThrow(/codes\.signingKeys\.0\.seed/);
    expect(() => loadConfig({ dir, env: { ...base, CODE_SIGNING_KEYS: `[{"seed":"${'a'.repeat(64)}","validFrom":"soon"}]` } })).toThrow(/codes\.signingKeys\.0\.validFrom/);
    const twice = JSON.stringify([0, 1].map(() => ({ seed: 'a'.repeat(64), validFrom: '2026-01-01T00:00:00Z' })));
    expect(() => loadConfig({ dir, env: { ...base, CODE_SIGNING_KEYS: twice } })).toThrow(/own seed/);
  });

  it('names the bad key and value kind', () => {
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', PORT: 'eighty' } })).toThrow(/server\.port/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', MYSQL_URL: 'not a url' } })).toThrow(/storage\.mysqlUrl/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'test', DEV_LOGIN_ENABLED: 'yes' } })).toThrow(/DEV_LOGIN_ENABLED/);
    expect(() => loadConfig({ dir, env: { NODE_ENV: 'staging' } })).toThrow(/env/);
  });
});

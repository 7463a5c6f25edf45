import { MemoryHotStore } from '../../infra/hot-store/memory-hot-store';
import { SessionStore } from './session-store';

describe('SessionStore', () => {
  let clock = 1_700_000_000_000;
  const store = new MemoryHotStore({ now: () => clock, sweepIntervalMs: 0 });
  const sessions = new SessionStore(store, 3600, () => clock);
  afterAll(() => store.close());

  it('issues opaque tokens that resolve until they expire', async () => {
    const { token, expiresAt } = await sessions.issue({ accountId: 'a1', channel: 'weapp', platformSessionKey: 'sk' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(clock + 3_600_000);
    expect(await sessions.resolve(token)).toMatchObject({ accountId: 'a1', channel: 'weapp' });
    clock += 3_599_000;
    expect(await sessions.resolve(token)).not.toBeNull();
    clock += 2_000;
    expect(await sessions.resolve(token)).toBeNull();
  });

  it('keys sessions by the token hash, never the token', async () => {
    const { token } = await sessions.issue({ accountId: 'a2', channel: 'h5' });
    const spy = jest.spyOn(store, 'get');
    await sessions.resolve(token);
    expect(spy.mock.calls[0][0]).not.toContain(token);
    expect(spy.mock.calls[0][0]).toMatch(/^sess:\{[0-9a-f]{64}\}$/);
  });

  it('refuses malformed tokens without a store round trip', async () => {
    const spy = jest.spyOn(store, 'get');
    spy.mockClear();
    expect(await sessions.resolve('short')).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('SessionStore.attachPerson', () => {
  let clock = 1_700_000_000_000;
  const store = new MemoryHotStore({ now: () => clock, sweepIntervalMs: 0 });
  const sessions = new SessionStore(store, 3600, () => clock);
  afterAll(() => store.close());

  it('adds the verified person to a live session and keeps its expiry', async () => {
    const { token } = await sessions.issue({ accountId: 'a3', channel: 'alipay' });
    clock += 1_000_000;
    const person = { personId: 'p-1', identity: { name: '张*', idNumber: '3401**********1234' } };
    await sessions.attachPerson(token, person);
    expect(await sessions.resolve(token)).toMatchObject({ accountId: 'a3', person });
    clock += 2_600_001; // past the original hour
    expect(await sessions.resolve(token)).toBeNull();
  });

  it('does not resurrect an expired session', async () => {
    const { token } = await sessions.issue({ accountId: 'a4', channel: 'h5' });
    clock += 3_600_001;
    await sessions.attachPerson(token, { personId: 'p-2', identity: { name: '李*', idNumber: '1101**********0000' } });
    expect(await sessions.resolve(token)).toBeNull();
  });
});

describe('SessionStore token claims', () => {
  const store = new MemoryHotStore({ sweepIntervalMs: 0 });
  const sessions = new SessionStore(store, 3600);
  afterAll(() => store.close());
  const accountId = '6f1c2b7e-2d4a-4c8e-9a51-0f3b7d2e9c11';
  const person = { personId: '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b', identity: { name: '张*', idNumber: '1101**********0011' } };

  it('a verified citizen’s token names account and person, and resolves', async () => {
    const { token } = await sessions.issue({ accountId, channel: 'weapp', person });
    expect(token).toMatch(new RegExp(`^[A-Za-z0-9_-]{43}\\.${accountId}\\.${person.personId}$`));
    expect(sessions.claimsOf(token)).toEqual({ accountId, personId: person.personId });
    expect(await sessions.resolve(token)).toMatchObject({ accountId, person });
  });

  it('claims cannot be changed: the altered token finds no session', async () => {
    const { token } = await sessions.issue({ accountId, channel: 'weapp', person });
    const forged = token.replace(person.personId, '11111111-2222-4333-8444-555555555555');
    expect(sessions.claimsOf(forged)).toEqual({ accountId, personId: '11111111-2222-4333-8444-555555555555' });
    expect(await sessions.resolve(forged)).toBeNull();
    expect(sessions.keyOf(forged)).not.toBe(sessions.keyOf(token));
  });

  it('tokens without a person, and malformed ones, claim nothing', async () => {
    const { token } = await sessions.issue({ accountId, channel: 'h5' });
    expect(sessions.claimsOf(token)).toBeNull();
    for (const bad of ['', 'short', `${token}.a`, `${token}.a.b.c`, `${token}.a{b.c`, `${'x'.repeat(42)}.a.b`]) {
      expect(sessions.claimsOf(bad)).toBeNull();
    }
  });
});

describe('SessionStore revocation', () => {
  const store = new MemoryHotStore({ sweepIntervalMs: 0 });
  const sessions = new SessionStore(store, 3600);
  afterAll(() => store.close());

  it('refuses a revoked token on the very next read, however often it was read before (no cache)', async () => {
    const issued = await sessions.issue({ accountId: 'a9', channel: 'h5' });
    for (let i = 0; i < 3; i += 1) expect(await sessions.resolve(issued.token)).toMatchObject({ sessionId: issued.sessionId });
    await sessions.revoke(issued.token);
    expect(await sessions.resolve(issued.token)).toBeNull();
  });

  it('revokes by token hash (a listed session ended from another device)', async () => {
    const issued = await sessions.issue({ accountId: 'a10', channel: 'weapp' });
    expect(issued.tokenHash).toBe(sessions.hashOf(issued.token));
    expect(await sessions.isLive(issued.tokenHash)).toBe(true);
    await sessions.revokeByHash(issued.tokenHash);
    expect(await sessions.isLive(issued.tokenHash)).toBe(false);
    expect(await sessions.resolve(issued.token)).toBeNull();
  });
});

import { KEYS_MAX_AGE_MS, KEYS_STORAGE_KEY, REVOCATIONS_MAX_AGE_MS, VerifierCache, type VerifierSources } from '../src/lib/personal-code';
import { testSigner } from './personal-code-signer';

const signer = testSigner(3);

function setup(start = 1_000_000) {
  const store = new Map<string, unknown>();
  let now = start;
  const sources = {
    fetchKeys: jest.fn<ReturnType<VerifierSources['fetchKeys']>, []>(async () => ({ keys: [signer.jwk] })),
    fetchRevocations: jest.fn<ReturnType<VerifierSources['fetchRevocations']>, []>(async () => ({
      revoked: [
        { ref: 'AQIDBAUGBwg', expiresAt: new Date(start + 86_400_000).toISOString() },
        { ref: 'CQkJCQkJCQk', expiresAt: new Date(start - 1).toISOString() },
      ],
      updatedAt: new Date(start).toISOString(),
    })),
  };
  const cache = new VerifierCache({ get: (k) => store.get(k), set: (k, v) => store.set(k, JSON.parse(JSON.stringify(v))) }, sources, () => now);
  return { cache, sources, store, advance: (ms: number) => (now += ms) };
}

describe('verifier cache (keys and revocations in storage)', () => {
  it('is empty before the first fetch, then holds decoded keys and live revocations with their fetch time', async () => {
    const { cache } = setup();
    expect(cache.state()).toMatchObject({ keysFetchedAt: null, revocationsFetchedAt: null });
    expect(cache.state().material.keys).toEqual([]);

    await expect(cache.refresh()).resolves.toBe(true);

    const state = cache.state();
    expect(state.keysFetchedAt).toBe(1_000_000);
    expect(state.material.keys.map((k) => k.kid)).toEqual([signer.jwk.kid]);
    // The revoked card that has expired anyway is dropped.
    expect([...state.material.revokedRefs]).toEqual(['AQIDBAUGBwg']);
  });

  it('refetches only what is stale: revocations after 5 minutes, keys after an hour', async () => {
    const { cache, sources, advance } = setup();
    await cache.refresh();
    advance(REVOCATIONS_MAX_AGE_MS + 1);
    await cache.refresh();
    expect(sources.fetchRevocations).toHaveBeenCalledTimes(2);
    expect(sources.fetchKeys).toHaveBeenCalledTimes(1);
    advance(KEYS_MAX_AGE_MS);
    await cache.refresh();
    expect(sources.fetchKeys).toHaveBeenCalledTimes(2);
    await cache.refresh(true);
    expect(sources.fetchKeys).toHaveBeenCalledTimes(3);
  });

  it('keeps the last good copy when the network is gone', async () => {
    const { cache, sources, store, advance } = setup();
    await cache.refresh();
    sources.fetchKeys.mockRejectedValue(new Error('offline'));
    sources.fetchRevocations.mockRejectedValue(new Error('offline'));
    advance(KEYS_MAX_AGE_MS + 1);

    await expect(cache.refresh()).resolves.toBe(false);

    expect(cache.state().material.keys).toHaveLength(1);
    expect((store.get(KEYS_STORAGE_KEY) as { fetchedAt: number }).fetchedAt).toBe(1_000_000);
  });

  it('ignores storage that does not look like a cached set', () => {
    const { cache, store } = setup();
    store.set(KEYS_STORAGE_KEY, { keys: 'nonsense' });
    expect(cache.state().material.keys).toEqual([]);
  });
});

import { WechatAccessToken } from './wechat-access-token';

const CONFIG = { appId: 'wx-app', secret: 'wx-secret', baseUrl: 'http://wechat.test/', timeoutMs: 1000 };

function tokenServer() {
  const urls: string[] = [];
  const fetchImpl = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify({ access_token: `token-${urls.length}`, expires_in: 7200 }));
  }) as unknown as typeof fetch;
  return { urls, fetchImpl };
}

describe('WechatAccessToken', () => {
  it('fetches once for concurrent callers and keeps the token until five minutes before expiry', async () => {
    let now = 0;
    const server = tokenServer();
    const tokens = new WechatAccessToken(CONFIG, server.fetchImpl, () => now);
    await expect(Promise.all([tokens.get(), tokens.get(), tokens.get()])).resolves.toEqual(['token-1', 'token-1', 'token-1']);
    expect(server.urls).toEqual(['http://wechat.test/cgi-bin/token?grant_type=client_credential&appid=wx-app&secret=wx-secret']);
    now = (7200 - 300) * 1000 - 1;
    await expect(tokens.get()).resolves.toBe('token-1');
    now += 1;
    await expect(tokens.get()).resolves.toBe('token-2');
  });

  it('invalidate drops only the token it names', async () => {
    const server = tokenServer();
    const tokens = new WechatAccessToken(CONFIG, server.fetchImpl, () => 0);
    const first = await tokens.get();
    tokens.invalidate('some-older-token');
    await expect(tokens.get()).resolves.toBe(first);
    tokens.invalidate(first);
    await expect(tokens.get()).resolves.toBe('token-2');
  });

  it('an error answer is an error, and the secret is not in it', async () => {
    const fetchImpl = (async () => new Response(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }))) as unknown as typeof fetch;
    const tokens = new WechatAccessToken(CONFIG, fetchImpl, () => 0);
    const err = await tokens.get().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', details: { reason: 'token_refused', upstreamCode: 40125 } });
    expect(JSON.stringify(err)).not.toContain('wx-secret');
  });
});

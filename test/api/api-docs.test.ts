import { statSync } from 'node:fs';
import { join } from 'node:path';
import { swaggerUiDistDir } from '../../bff/src/domains/system/api-docs';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('embedded');
});
afterAll(() => t.close());

/** Every URL the page names in src= or href=. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]);
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

describe('GET /api/docs, the API reference', () => {
  it('answers an HTML page whose scripts and styles are all served here', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const urls = referencedUrls(res.body);
    expect(urls.sort()).toEqual(['/api/docs/init.js', '/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']);
    for (const url of urls) expect(url).toMatch(/^\/(?!\/)/);
    expect(res.body).not.toMatch(/https?:\/\//);
    expect(res.body).not.toMatch(/<script>(?!<\/script>)/); // no inline script: the policy forbids it
  });

  it('has its own policy: own scripts only, no other host, never framed', async () => {
    const res = await t.request('GET', '/api/docs');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    for (const values of csp.values()) for (const v of values) expect(v).toMatch(/^('[a-z-]+'|data:)$/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The rest of /api keeps the API's policy.
    expect((await t.request('GET', '/api/openapi.json')).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('serves every asset the page references, Swagger UI straight from swagger-ui-dist', async () => {
    const page = await t.request('GET', '/api/docs');
    for (const url of referencedUrls(page.body)) {
      const res = await fetch(t.baseUrl + url);
      const text = await res.text();
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
      expect(text.length).toBeGreaterThan(0);
    }
    const bundle = await fetch(`${t.baseUrl}/api/docs/swagger-ui-bundle.js`);
    expect(Number(bundle.headers.get('content-length'))).toBe(statSync(join(swaggerUiDistDir(), 'swagger-ui-bundle.js')).size);
    await bundle.arrayBuffer();
    const init = await (await fetch(`${t.baseUrl}/api/docs/init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null'); // else Swagger UI loads a badge from the validator's host
  });

  it('serves nothing else from the package folder', async () => {
    for (const path of ['/api/docs/package.json', '/api/docs/index.html', '/api/docs/..%2Fpackage.json', '/api/docs/swagger-initializer.js']) {
      const res = await t.request('GET', path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});

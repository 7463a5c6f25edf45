import type { Router } from '@koa/router';
import { z } from 'zod';
import { adminRoutes, apiRoutes, codeRoutes, healthRoutes, identityRoutes, maskOperationRoutes, maskRoundRoutes, maskRoutes, type OperationContract } from '@govpass/shared-types';
import { scanEntryRoutes } from '@govpass/shared-types';
import { hallRoutes } from '@govpass/shared-types';
import { appointmentRoutes } from '@govpass/shared-types';
import { tracingRoutes, venueRoutes } from '@govpass/shared-types';
import { rightsRoutes } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';
import { validateOpenApi } from '../support/validate-openapi';

/**
 * Operations whose contracts exist but whose BFF routes are being built on other branches.
 * THE LEAD EMPTIES THIS LIST when merging those branches: the test fails while an operation listed
 * here has a route, so the list cannot outlive the work it waits for.
 */
const PENDING_DOMAINS: readonly string[] = [
];

/** Routes under /api that serve the document itself and its reader, not API operations. */
const NOT_OPERATIONS = ['GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs/:asset'];

/** Every domain's route object, one per line (each domain adds its own line). */
const ROUTE_SETS: readonly Record<string, OperationContract>[] = [
  apiRoutes,
  adminRoutes,
  identityRoutes,
  maskRoutes,
  maskOperationRoutes,
  maskRoundRoutes,
  codeRoutes,
  healthRoutes,
  scanEntryRoutes,
  hallRoutes,
  appointmentRoutes,
  venueRoutes,
  tracingRoutes,
  rightsRoutes,
];
const CONTRACTS: Record<string, OperationContract> = Object.assign({}, ...ROUTE_SETS);

/** The parts of the document the checks below read. */
type Parameter = { name: string; in: string; required?: boolean };
type ErrorSchema = { allOf?: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }[] };
type OpenApiOperation = {
  operationId: string;
  parameters?: Parameter[];
  security?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: ErrorSchema }> }>;
};
type Doc = { paths: Record<string, Record<string, OpenApiOperation>>; components: unknown };
type Operation = { method: string; path: string; op: OpenApiOperation };

function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
}

const koaPath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

/** `METHOD /path` of every route layer the app's routers hold (HEAD is @koa/router's echo of GET). */
function appRoutes(t: TestApp): Set<string> {
  const routers = t.app.koa.middleware.map((mw) => (mw as { router?: Router }).router).filter((r): r is Router => r !== undefined);
  const out = new Set<string>();
  for (const router of routers) for (const layer of router.stack) for (const m of layer.methods) if (m !== 'HEAD') out.add(`${m} ${layer.path}`);
  return out;
}

/** Whether the document says the operation can answer this status with this code. */
function documents(op: OpenApiOperation, status: number, code: string): boolean {
  const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
  return Boolean(schema?.allOf?.[1]?.properties?.error?.properties?.code?.enum?.includes(code));
}

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await startTestApp('embedded');
  doc = (await t.request('GET', '/api/openapi.json')).body;
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3 by swagger-parser', async () => {
    expect(await validateOpenApi(doc)).toEqual({ valid: true, message: '' });
    // The validator does say no: a document without the required `info` fails.
    const broken = await validateOpenApi({ ...doc, info: undefined });
    expect(broken.valid).toBe(false);
    expect(broken.message).toMatch(/info/);
  }, 30_000);

  it('lists every contract of every route object exactly once, by operation id, method and path', () => {
    const documented = operationsOf(doc).map(({ method, path, op }) => `${op.operationId} ${method} ${koaPath(path)}`);
    const contracted = Object.entries(CONTRACTS).map(([name, r]) => `${name} ${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(contracted.sort());
    // No operation name is used by two domains (a spread would silently keep only the last).
    expect(Object.keys(CONTRACTS)).toHaveLength(ROUTE_SETS.reduce((n, set) => n + Object.keys(set).length, 0));
  });

  it('declares every path parameter as a required path parameter, and no other', () => {
    // swagger-parser accepts an OpenAPI 3 operation that leaves a {param} undeclared; the spec says MUST.
    for (const { path, op } of operationsOf(doc)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect({ op: op.operationId, names: declared.map((p) => p.name).sort() }).toEqual({ op: op.operationId, names: inPath });
      for (const p of declared) expect(p.required).toBe(true);
    }
  });

  it('declares query parameters and headers as the contract schemas name them', () => {
    for (const { op } of operationsOf(doc)) {
      const contract = CONTRACTS[op.operationId];
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
      const expected = contract.query ? Object.keys((contract.query as z.ZodObject).shape).sort() : [];
      expect({ op: op.operationId, query }).toEqual({ op: op.operationId, query: expected });
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()).sort();
      expect({ op: op.operationId, headers }).toEqual({ op: op.operationId, headers: Object.keys(contract.headers ?? {}).sort() });
    }
    const book = doc.paths['/api/v1/masks/reservations'].post.parameters;
    expect(book).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(book).toContainEqual(expect.objectContaining({ name: 'X-Retry-Attempt', in: 'header', required: false }));
    const ledger = doc.paths['/api/v1/admin/masks/reports'].get.parameters;
    expect(ledger).toEqual([expect.objectContaining({ name: 'date', in: 'query', required: true })]);
    // The pharmacy page's "may I book here?" (issue 12): a documented, authenticated read.
    const eligibility = doc.paths['/api/v1/masks/eligibility'].get;
    expect(eligibility.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'pharmacyId', in: 'query', required: true }), expect.objectContaining({ name: 'personId', in: 'query', required: false })]),
    );
  });

  it('gives each operation its security and the refusals its contract implies', () => {
    for (const { op } of operationsOf(doc)) {
      const contract = CONTRACTS[op.operationId];
      expect({ op: op.operationId, security: op.security }).toEqual({ op: op.operationId, security: contract.auth ? [{ bearer: [] }] : [] });
      const hasInput = Boolean(contract.body || contract.query || contract.params || contract.headers);
      expect({ op: op.operationId, v: documents(op, 400, 'VALIDATION_FAILED') }).toEqual({ op: op.operationId, v: hasInput });
      expect({ op: op.operationId, v: documents(op, 401, 'UNAUTHENTICATED') }).toEqual({ op: op.operationId, v: contract.auth });
      if (contract.roles?.length) expect({ op: op.operationId, v: documents(op, 403, 'FORBIDDEN') }).toEqual({ op: op.operationId, v: true });
      expect(documents(op, 503, 'STORE_UNAVAILABLE')).toBe(true);
      for (const [status, codes] of Object.entries(contract.errors ?? {})) for (const code of codes) expect(documents(op, Number(status), code)).toBe(true);
    }
    expect(doc.paths['/api/v1/admin/masks/reports'].get.responses['200'].content?.['text/csv']).toBeDefined();
  });
});

describe('the document against the app it describes', () => {
  it('documents every /api route of the app, and every documented operation has a route (but the pending ones)', () => {
    const routes = appRoutes(t);
    const apiRoutesOfApp = [...routes].filter((r) => r.split(' ')[1].startsWith('/api/') && !NOT_OPERATIONS.includes(r));
    const documented = operationsOf(doc).map(({ method, path, op }) => ({ id: op.operationId, route: `${method} ${koaPath(path)}` }));
    const expectedRoutes = documented.filter((d) => !PENDING_DOMAINS.includes(d.id)).map((d) => d.route);
    expect(apiRoutesOfApp.sort()).toEqual(expectedRoutes.sort());
    // A pending operation that has a route means its branch landed: empty PENDING_DOMAINS.
    const landed = documented.filter((d) => PENDING_DOMAINS.includes(d.id) && routes.has(d.route)).map((d) => d.id);
    expect(landed).toEqual([]);
    for (const id of PENDING_DOMAINS) expect(documented.map((d) => d.id)).toContain(id);
    for (const r of NOT_OPERATIONS) expect(routes).toContain(r);
  });

  it('documents the refusal each routed operation gives a caller without a session, and a citizen at a role guard', async () => {
    const citizen = await t.loginDev('openapi-citizen');
    for (const { method, path, op } of operationsOf(doc)) {
      if (PENDING_DOMAINS.includes(op.operationId)) continue;
      const contract = CONTRACTS[op.operationId];
      const url = path.replace(/\{[^}]+\}/g, 'no-such-id');
      const body = contract.body ? {} : undefined;
      if (contract.auth) {
        const res = await t.request(method, url, { body });
        expect({ op: op.operationId, status: res.status, documented: documents(op, res.status, res.body.error?.code) }).toEqual({ op: op.operationId, status: res.status, documented: true });
      }
      if (contract.roles?.length && !contract.roles.includes('citizen')) {
        const res = await t.request(method, url, { body, token: citizen.token, headers: { 'idempotency-key': 'openapi-test-1' } });
        expect({ op: op.operationId, status: res.status, code: res.body.error?.code }).toEqual({ op: op.operationId, status: 403, code: 'FORBIDDEN' });
        expect(documents(op, 403, 'FORBIDDEN')).toBe(true);
      }
    }
  });
});

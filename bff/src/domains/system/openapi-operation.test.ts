import { z } from 'zod';
import type { OperationContract } from '@govpass/shared-types';
import { errorCodesOf, operationOf, parametersOf } from './openapi-operation';

const Id = z.object({ id: z.string().min(1) });

const base: OperationContract = { method: 'GET', path: '/api/v1/things', summary: 'Things', auth: false, response: z.object({ ok: z.boolean() }) };

describe('errorCodesOf', () => {
  it('gives a public operation without input only the failures every operation can have', () => {
    expect(Object.fromEntries(errorCodesOf(base))).toEqual({ 500: ['INTERNAL'], 503: ['STORE_UNAVAILABLE'] });
  });

  it('derives validation, body, auth and role refusals from the contract, and adds its own once each', () => {
    const route: OperationContract = {
      ...base,
      method: 'POST',
      auth: true,
      roles: ['admin'],
      body: z.object({ name: z.string() }),
      errors: { 403: ['FORBIDDEN', 'IDENTITY_REQUIRED'], 409: ['CONFLICT'] },
    };
    expect(Object.fromEntries(errorCodesOf(route))).toEqual({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['UNAUTHENTICATED'],
      403: ['FORBIDDEN', 'IDENTITY_REQUIRED'],
      409: ['CONFLICT'],
      413: ['PAYLOAD_TOO_LARGE'],
      500: ['INTERNAL'],
      503: ['STORE_UNAVAILABLE'],
    });
  });

  it('counts path parameters, query and headers as input', () => {
    for (const extra of [{ params: Id }, { query: z.object({ q: z.string().optional() }) }, { headers: { 'x-thing': z.string() } }]) {
      expect(errorCodesOf({ ...base, ...extra }).get(400)).toEqual(['VALIDATION_FAILED']);
    }
  });
});

describe('parametersOf', () => {
  it('declares path parameters required, query ones as their schema says, headers by their HTTP name', () => {
    const route: OperationContract = {
      ...base,
      path: '/api/v1/things/:id',
      params: Id,
      query: z.object({ date: z.string(), limit: z.coerce.number().int().optional() }),
      headers: { 'idempotency-key': z.string().min(8), 'x-retry-attempt': z.string().optional() },
    };
    expect(parametersOf(route)).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
      { name: 'date', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer' }) },
      { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 8 } },
      { name: 'X-Retry-Attempt', in: 'header', required: false, schema: { type: 'string' } },
    ]);
  });
});

describe('operationOf', () => {
  it('says a public operation is public and a guarded one needs the bearer token and which roles', () => {
    expect(operationOf('things', 'tag', base).security).toEqual([]);
    const guarded = operationOf('things', 'tag', { ...base, auth: true, roles: ['admin', 'health_official'] });
    expect(guarded.security).toEqual([{ bearer: [] }]);
    expect(guarded['x-roles']).toEqual(['admin', 'health_official']);
    expect(guarded.description).toContain('admin, health_official');
  });

  it('answers a non-JSON success in its own media type', () => {
    const csv = operationOf('report', 'tag', { ...base, response: z.string(), contentType: 'text/csv' }) as { responses: Record<string, { content: object }> };
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
  });
});

import { z } from 'zod';
import type { OperationContract } from '@govpass/shared-types';
import { buildOpenApi, toOpenApiPath } from './build-openapi';

const op = (method: OperationContract['method'], path: string): OperationContract => ({ method, path, summary: 's', auth: false, response: z.object({}) });

describe('buildOpenApi', () => {
  it('writes Koa path parameters as OpenAPI templates', () => {
    expect(toOpenApiPath('/api/v1/admin/masks/rounds/:id/quotas')).toBe('/api/v1/admin/masks/rounds/{id}/quotas');
  });

  it('puts the operations of one path under it, tagged by their group', () => {
    const doc = buildOpenApi('1', [{ tag: 'a', routes: { list: op('GET', '/x'), add: op('POST', '/x') } }]) as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    expect(Object.keys(doc.paths['/x'])).toEqual(['get', 'post']);
    expect(doc.paths['/x'].post).toMatchObject({ operationId: 'add', tags: ['a'] });
  });

  it('refuses two operations of one name or on one route instead of letting one shadow the other', () => {
    expect(() => buildOpenApi('1', [{ tag: 'a', routes: { list: op('GET', '/x') } }, { tag: 'b', routes: { list: op('GET', '/y') } }])).toThrow('operation list is defined twice');
    expect(() => buildOpenApi('1', [{ tag: 'a', routes: { list: op('GET', '/x') } }, { tag: 'b', routes: { other: op('GET', '/x') } }])).toThrow('GET /x is defined twice');
  });
});

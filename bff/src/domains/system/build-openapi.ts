import { z } from 'zod';
import { ErrorResponse, apiRoutes, healthRoutes, maskOperationRoutes, maskRoutes, type RouteContract } from '@govpass/shared-types';

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  // Refinements (the ID check digit) have no JSON Schema form; they are described, not dropped silently.
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** The OpenAPI 3 document, generated from the same zod contracts the BFF validates with. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: schemaOf(ErrorResponse, 'output') } };
  for (const [name, route] of Object.entries({ ...apiRoutes, ...maskRoutes, ...maskOperationRoutes, ...healthRoutes }) as [string, RouteContract][]) {
    const op: Record<string, unknown> = {
      operationId: name,
      summary: route.summary,
      responses: {
        [String(route.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } },
        default: { description: 'Error', content: errorContent },
      },
    };
    if (route.auth) op.security = [{ bearer: [] }];
    if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    const p = toOpenApiPath(route.path);
    paths[p] = { ...paths[p], [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'govpass BFF', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

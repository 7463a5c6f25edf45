import { ErrorResponse, adminRoutes, apiRoutes, codeRoutes, healthRoutes, identityRoutes, maskOperationRoutes, maskRoundRoutes, maskRoutes, type OperationContract } from '@govpass/shared-types';
import { scanEntryRoutes } from '@govpass/shared-types';
import { hallRoutes } from '@govpass/shared-types';
import { appointmentRoutes } from '@govpass/shared-types';
import { tracingRoutes, venueRoutes } from '@govpass/shared-types';
import { rightsRoutes } from '@govpass/shared-types';
import { operationOf, schemaOf } from './openapi-operation';

/** Every route object shared-types exports, under the tag it is listed by in the reference. */
export interface OperationGroup {
  tag: string;
  routes: Record<string, OperationContract>;
}

export const OPERATION_GROUPS: readonly OperationGroup[] = [
  { tag: 'accounts', routes: apiRoutes },
  { tag: 'administration', routes: adminRoutes },
  { tag: 'family', routes: identityRoutes },
  { tag: 'masks', routes: maskRoutes },
  { tag: 'mask operations', routes: maskOperationRoutes },
  { tag: 'mask rounds', routes: maskRoundRoutes },
  { tag: 'personal codes', routes: codeRoutes },
  { tag: 'health codes', routes: healthRoutes },
  { tag: 'scan entry', routes: scanEntryRoutes },
  { tag: 'service hall: queue', routes: hallRoutes },
  { tag: 'appointments and ratings', routes: appointmentRoutes },
  { tag: 'venues', routes: venueRoutes },
  { tag: 'tracing', routes: tracingRoutes },
  { tag: 'your rights', routes: rightsRoutes },
];

export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The OpenAPI 3 document, generated from the same zod contracts the BFF validates with. */
export function buildOpenApi(version: string, groups: readonly OperationGroup[] = OPERATION_GROUPS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const { tag, routes } of groups) {
    for (const [name, route] of Object.entries(routes)) {
      // Two groups naming one operation alike, or two operations on one route, would silently shadow each other.
      const method = route.method.toLowerCase();
      const path = toOpenApiPath(route.path);
      if (seen.has(name)) throw new Error(`operation ${name} is defined twice`);
      if (paths[path]?.[method]) throw new Error(`${route.method} ${route.path} is defined twice`);
      seen.add(name);
      paths[path] = { ...paths[path], [method]: operationOf(name, tag, route) };
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'govpass BFF',
      version,
      description: 'Every error answers `{"error": {code, message, details?, requestId}}`; clients switch on `code`.',
    },
    tags: groups.map(({ tag }) => ({ name: tag })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The session token from POST /api/v1/auth/login' } },
      schemas: { ErrorResponse: schemaOf(ErrorResponse, 'output') },
    },
    paths,
  };
}

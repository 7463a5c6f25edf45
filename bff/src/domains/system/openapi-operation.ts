import { z } from 'zod';
import type { ErrorCode, OperationContract } from '@govpass/shared-types';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

export const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponse';

export function schemaOf(schema: z.ZodType, io: Io): Json {
  // Refinements (the ID check digit) have no JSON Schema form; they are described, not dropped silently.
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

function withoutDialect(schema: Json): Json {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** One parameter per property of an object schema (path and query), as the route parses them. */
function objectParameters(schema: z.ZodType, where: 'path' | 'query'): Json[] {
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      // OpenAPI: a path parameter MUST be required; a query one is when absence fails validation.
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function headerParameters(headers: Record<string, z.ZodType>): Json[] {
  return Object.entries(headers).map(([name, schema]) => ({
    name: name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
    in: 'header',
    required: !schema.safeParse(undefined).success,
    schema: withoutDialect(schemaOf(schema, 'input')),
  }));
}

/** Path, query and header parameters, from the same schemas the route validates with. */
export function parametersOf(route: OperationContract): Json[] {
  return [
    ...(route.params ? objectParameters(route.params, 'path') : []),
    ...(route.query ? objectParameters(route.query, 'query') : []),
    ...(route.headers ? headerParameters(route.headers) : []),
  ];
}

function hasInput(route: OperationContract): boolean {
  return Boolean(route.body || route.query || route.params || route.headers);
}

/**
 * Every refusal the operation can answer, by status: those that follow from its contract (input is
 * validated, auth checked, roles guarded, stores can be down) plus the operation's own.
 */
export function errorCodesOf(route: OperationContract): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  const add = (status: number, code: ErrorCode) => {
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  };
  if (hasInput(route)) add(400, 'VALIDATION_FAILED');
  if (route.body) {
    add(400, 'MALFORMED_JSON');
    add(413, 'PAYLOAD_TOO_LARGE');
  }
  if (route.auth) add(401, 'UNAUTHENTICATED');
  if (route.roles?.length) add(403, 'FORBIDDEN');
  for (const [status, codes] of Object.entries(route.errors ?? {})) for (const code of codes) add(Number(status), code);
  add(500, 'INTERNAL');
  add(503, 'STORE_UNAVAILABLE');
  return new Map([...byStatus.entries()].sort(([a], [b]) => a - b));
}

function errorResponse(codes: ErrorCode[]): Json {
  return {
    description: `Error codes: ${codes.join(', ')}`,
    content: {
      'application/json': {
        schema: {
          allOf: [{ $ref: ERROR_SCHEMA_REF }, { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } } }],
        },
        // Else a reader's example shows the shared schema's first code whatever the status.
        example: { error: { code: codes[0], message: 'A message for people', requestId: '3f0c2a4e-8d1b-4c55-9a57-0b6f1d2e7c90' } },
      },
    },
  };
}

function successResponse(route: OperationContract): Json {
  const type = route.contentType ?? 'application/json';
  return { description: 'OK', content: { [type]: { schema: withoutDialect(schemaOf(route.response, 'output')) } } };
}

function describe(route: OperationContract): string | undefined {
  const lines = [];
  if (route.roles?.length) lines.push(`Requires one of the roles: ${route.roles.join(', ')}.`);
  return lines.length ? lines.join('\n') : undefined;
}

/** The OpenAPI operation object of one contract. */
export function operationOf(operationId: string, tag: string, route: OperationContract): Json {
  const responses: Json = { [String(route.status ?? 200)]: successResponse(route) };
  for (const [status, codes] of errorCodesOf(route)) responses[String(status)] = errorResponse(codes);
  responses.default = { description: 'Any other error, in the same shape', content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } } };
  const parameters = parametersOf(route);
  const description = describe(route);
  return {
    operationId,
    tags: [tag],
    summary: route.summary,
    ...(description ? { description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: withoutDialect(schemaOf(route.body, 'input')) } } } } : {}),
    responses,
    // Per operation, so a public one says it is public rather than inheriting a default.
    security: route.auth ? [{ bearer: [] }] : [],
    ...(route.roles?.length ? { 'x-roles': [...route.roles] } : {}),
  };
}

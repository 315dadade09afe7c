import { z, type ZodType } from 'zod';
import { Problem } from '@panda/shared';
import type { OperationSpec } from './router.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** Query and path schemas become OpenAPI parameters, one per property. */
function parameters(schema: ZodType | undefined, location: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const problemResponse = {
  description: 'An RFC 9457 problem with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** OpenAPI 3.1 for every registered operation, from the same zod schemas that validate them. */
export function buildOpenApiDocument(operations: readonly OperationSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of operations) {
    const path = `/api${spec.path.replace(/:(\w+)/g, '{$1}')}`;
    const status = String(spec.status ?? 200);
    paths[path] ??= {};
    paths[path][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      operationId: `${spec.method}${spec.path.replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      ...(spec.access === 'public' ? { security: [] } : {}),
      ...(Array.isArray(spec.access) ? { 'x-roles': spec.access } : {}),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } }
        : {}),
      responses: {
        [status]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: toSchema(spec.response, 'output') } } }
          : { description: 'Done, no body' },
        default: problemResponse,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: toSchema(Problem, 'output') },
    },
  };
}

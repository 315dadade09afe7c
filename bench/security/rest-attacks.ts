import { randomUUID } from 'node:crypto';
import { ApiClient } from '../../tests/support/http.js';
import type { AttackLog } from './attack-log.js';
import type { AuditSchool } from './school.js';

export const REST_ACCESS = 'REST: every operation, anonymous and by the wrong role';
export const REST_BODIES = 'REST: malformed bodies';

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
  requestBody?: unknown;
  'x-roles'?: string[];
}

async function operations(school: AuditSchool): Promise<Operation[]> {
  const doc = (await new ApiClient(school.server.localUrl).get('/api/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method, path })),
  );
}

const concrete = (path: string) => path.replace(/\{\w+\}/g, randomUUID());
const name = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

/** Every operation of the published API without a token, and every role-reserved one as a student. */
export async function attackRestAccess(school: AuditSchool, log: AttackLog): Promise<void> {
  const anonymous = new ApiClient(school.server.localUrl);
  const student = await school.api('ivan');
  for (const op of await operations(school)) {
    const body = op.method === 'get' ? undefined : {};
    if (!(Array.isArray(op.security) && op.security.length === 0)) {
      const response = await anonymous.request(op.method.toUpperCase(), concrete(op.path), body);
      log.expectRefused(REST_ACCESS, `${name(op)} without a token`, response.status === 401, String(response.status));
    }
    if (op['x-roles'] && !op['x-roles'].includes('student')) {
      const response = await student.request(op.method.toUpperCase(), concrete(op.path), body);
      log.expectRefused(REST_ACCESS, `${name(op)} as a student`, response.status === 403, String(response.status));
    }
  }
  log.expectAlive(REST_ACCESS, await school.alive());
}

/**
 * Every operation that takes a body, as an admin (who may call most of them), with bodies of the
 * wrong shape: a 4xx with a stable code each time, never a success or a server error.
 */
export async function attackRestBodies(school: AuditSchool, log: AttackLog): Promise<void> {
  const admin = await school.api('admin');
  const bodies: Array<[string, string]> = [
    ['an array', '[]'],
    ['a string', '"x"'],
    ['cut-off JSON', '{"a": '],
    ['wrong types everywhere', JSON.stringify({ email: 1, name: [], startsAt: {}, text: null, id: 'x'.repeat(10_000) })],
  ];
  for (const op of await operations(school)) {
    // Webhooks answer their senders by their own rules (tested with the payments).
    if (!op.requestBody || op.path.includes('webhook')) continue;
    for (const [kind, body] of bodies) {
      const response = await admin.request(op.method.toUpperCase(), concrete(op.path), body, { 'content-type': 'application/json' });
      const code = (response.body as { code?: unknown } | undefined)?.code;
      const clean = response.status >= 400 && response.status < 500 && typeof code === 'string';
      log.expectRefused(REST_BODIES, `${name(op)} with ${kind}`, clean, `${response.status} ${String(code)}`);
    }
  }
  log.expectAlive(REST_BODIES, await school.alive());
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let student: ApiClient;

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
  'x-roles'?: string[];
}

let operations: Operation[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  const doc = (await new ApiClient(server.localUrl).get('/api/openapi.json')).body;
  operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method, path })),
  );
  student = new ApiClient(server.localUrl);
  const login = await student.post('/api/auth/login', { email: 'ivan@example.com', password: 'panda-demo' });
  student.accessToken = login.body.accessToken;
});
afterAll(() => server?.close());

const concrete = (path: string) => path.replace(/\{\w+\}/g, randomUUID());
const bodyFor = (op: Operation) => (op.method === 'get' ? undefined : {});

describe('API conventions', () => {
  it('publishes OpenAPI 3.1 with every operation and a Swagger UI that works offline', async () => {
    const client = new ApiClient(server.localUrl);
    const doc = (await client.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['post /api/auth/signup', 'get /api/me', 'get /api/admin/users', 'patch /api/admin/users/{id}']),
    );
    const page = await fetch(`${server.localUrl}/api/docs`);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${server.localUrl}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });

  it('refuses every non-public operation without a token', async () => {
    const anonymous = new ApiClient(server.localUrl);
    const guarded = operations.filter((op) => !(Array.isArray(op.security) && op.security.length === 0));
    expect(guarded.length).toBeGreaterThan(5);
    for (const op of guarded) {
      const response = await anonymous.request(op.method.toUpperCase(), concrete(op.path), bodyFor(op));
      expect({ op: `${op.method} ${op.path}`, status: response.status, code: response.body?.code }).toEqual({
        op: `${op.method} ${op.path}`,
        status: 401,
        code: 'unauthorized',
      });
    }
  });

  it('refuses a forged token', async () => {
    const forged = new ApiClient(server.localUrl);
    const [header, , signature] = (student.accessToken as string).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: randomUUID(), role: 'admin', iss: 'panda-classroom', exp: 9e9 })).toString('base64url');
    forged.accessToken = `${header}.${payload}.${signature}`;
    expect((await forged.get('/api/admin/users')).status).toBe(401);
  });

  it('refuses a student every operation reserved for other roles', async () => {
    const reserved = operations.filter((op) => op['x-roles'] && !op['x-roles'].includes('student'));
    expect(reserved.length).toBeGreaterThan(2);
    for (const op of reserved) {
      const response = await student.request(op.method.toUpperCase(), concrete(op.path), bodyFor(op));
      expect({ op: `${op.method} ${op.path}`, status: response.status }).toEqual({
        op: `${op.method} ${op.path}`,
        status: 403,
      });
      expect(response.body.code).toBe('forbidden');
    }
  });

  it('answers an unknown route with 404 JSON and malformed JSON with 400, never a stack trace', async () => {
    const client = new ApiClient(server.localUrl);
    const missing = await client.get('/api/no/such/thing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');

    const malformed = await client.request('POST', '/api/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body' }] });
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.(ts|js):\d+/);

    const huge = await client.post('/api/auth/login', { email: 'a@example.com', password: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
  });

  it('validates query and path parameters, naming the field', async () => {
    const admin = new ApiClient(server.localUrl);
    admin.accessToken = (await admin.post('/api/auth/login', { email: 'admin@example.com', password: 'panda-demo' })).body.accessToken;
    const badQuery = await admin.get('/api/admin/users?limit=100000&role=wizard');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.role']);
    const badParam = await admin.patch('/api/admin/users/not-a-uuid', { name: 'X' });
    expect(badParam.status).toBe(400);
    expect(badParam.body.errors[0].path).toBe('params.id');
  });

  it('serves health, readiness and Prometheus metrics; every response has a request id', async () => {
    const health = await fetch(`${server.localUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/.+/);
    expect((await fetch(`${server.localUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.localUrl}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total');
    const traced = await fetch(`${server.localUrl}/healthz`, { headers: { 'x-request-id': 'trace-me-123' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-me-123');
  });
});

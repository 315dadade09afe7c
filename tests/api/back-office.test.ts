import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The back office through the real server: every change an admin makes (roles, languages,
 * accounts, credits) leaves an entry in the append-only audit log with the admin and the reason;
 * only admins may make them or read the log, and bad input changes nothing.
 */

let server: TestServer;
let admin: ApiClient;
let adminId: string;

const login = (email: string) => loginAs(server, email);

const newUser = async (role: 'student' | 'teacher') => (await createUser(server, { role, name: `New ${role}`, confirmedAt: null })).id;

const auditOf = async (targetId: string) => (await admin.get(`/api/admin/audit?targetId=${targetId}`)).body.items;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  admin = await login('admin@example.com');
  adminId = (await admin.get('/api/me')).body.id;
});
afterAll(() => server?.close());

describe('the audit log', () => {
  it('records a role change with the admin, the values before and after, and the reason', async () => {
    const id = await newUser('student');
    const changed = await admin.patch(`/api/admin/users/${id}`, { role: 'teacher', teaches: ['zh'], reason: 'Hired as a Chinese teacher' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'teacher', teaches: ['zh'] });
    const entries = await auditOf(id);
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'user.role', actor: { id: adminId, name: expect.any(String) }, targetType: 'user', before: { role: 'student' }, after: { role: 'teacher' }, reason: 'Hired as a Chinese teacher' }),
        expect.objectContaining({ action: 'user.teaches', before: { teaches: [] }, after: { teaches: ['zh'] }, reason: 'Hired as a Chinese teacher' }),
      ]),
    );
  });

  it('records a change of the languages a teacher teaches, and nothing when nothing changes', async () => {
    const id = await newUser('teacher');
    await admin.patch(`/api/admin/users/${id}`, { teaches: ['en'], reason: 'Starts with English' });
    const changed = await admin.patch(`/api/admin/users/${id}`, { teaches: ['zh', 'en'], reason: 'Passed the HSK 6 exam' });
    expect(changed.body.teaches).toEqual(['en', 'zh']);
    // The same languages in another order, and the same name: no change, no entry.
    expect((await admin.patch(`/api/admin/users/${id}`, { teaches: ['en', 'zh'], name: 'New teacher' })).status).toBe(200);
    const entries = await auditOf(id);
    expect(entries.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['user.teaches', 'Passed the HSK 6 exam'],
      ['user.teaches', 'Starts with English'],
    ]);
    expect(entries[0]).toMatchObject({ before: { teaches: ['en'] }, after: { teaches: ['en', 'zh'] }, actor: { id: adminId } });
  });

  it('records disabling and enabling an account, and creating one', async () => {
    const id = await newUser('student');
    await admin.patch(`/api/admin/users/${id}`, { disabled: true, reason: 'Asked to close the account' });
    await admin.patch(`/api/admin/users/${id}`, { disabled: false });
    expect((await auditOf(id)).map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ['user.enable', null],
      ['user.disable', 'Asked to close the account'],
    ]);
    const created = await admin.post('/api/admin/users', { email: `staff-${randomUUID().slice(0, 8)}@example.com`, name: 'Staff', role: 'methodist', timeZone: 'UTC', locale: 'en', teaches: ['en'] });
    expect(await auditOf(created.body.id)).toEqual([expect.objectContaining({ action: 'user.create', after: expect.objectContaining({ role: 'methodist', teaches: ['en'] }) })]);
  });

  it('records a manual credit adjustment with its reason once, however often it is replayed, and a recorded payment', async () => {
    const id = await newUser('student');
    const packageTypeId = (await server.db.packageType.findFirstOrThrow({ where: { lessons: 8 } })).id;
    const bought = await admin.post(`/api/admin/students/${id}/purchases`, { packageTypeId, method: 'bank', idempotencyKey: randomUUID() });
    expect(bought.status).toBe(201);
    const body = { delta: -2, reason: 'Two lessons given outside the school', idempotencyKey: randomUUID() };
    expect((await admin.post(`/api/admin/students/${id}/credit-adjustments`, body)).status).toBe(201);
    expect((await admin.post(`/api/admin/students/${id}/credit-adjustments`, body)).status).toBe(200);
    const entries = await auditOf(id);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'credits.adjust', actor: expect.objectContaining({ id: adminId }), after: { delta: -2 }, reason: 'Two lessons given outside the school' }),
      expect.objectContaining({ action: 'credits.purchase', after: expect.objectContaining({ purchaseId: bought.body.purchaseId, lessons: 8, method: 'bank' }) }),
    ]);
    // Refused for want of credits: neither the ledger nor the log changes.
    const tooMuch = await admin.post(`/api/admin/students/${id}/credit-adjustments`, { delta: -50, reason: 'Way too many', idempotencyKey: randomUUID() });
    expect(tooMuch.status).toBe(409);
    expect(await auditOf(id)).toHaveLength(2);
  });

  it('filters by actor, action, target and time, newest first', async () => {
    const id = await newUser('student');
    await admin.patch(`/api/admin/users/${id}`, { name: 'Renamed Student', reason: 'Typo in the name' });
    const now = new Date();
    const byAction = await admin.get(`/api/admin/audit?action=user.rename&actorId=${adminId}&targetType=user&limit=200`);
    expect(byAction.body.items.every((e: { action: string }) => e.action === 'user.rename')).toBe(true);
    expect(byAction.body.items[0]).toMatchObject({ targetId: id, before: { name: `New student` }, after: { name: 'Renamed Student' } });
    const past = encodeURIComponent(new Date(now.getTime() - 60_000).toISOString());
    const future = encodeURIComponent(new Date(now.getTime() + 60_000).toISOString());
    expect((await admin.get(`/api/admin/audit?targetId=${id}&from=${past}&to=${future}`)).body.total).toBe(1);
    expect((await admin.get(`/api/admin/audit?targetId=${id}&from=${future}`)).body.total).toBe(0);
    const all = (await admin.get('/api/admin/audit?limit=200')).body.items.map((e: { at: string }) => Date.parse(e.at));
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it('cannot be rewritten, even by the database client', async () => {
    const entry = await server.db.auditEntry.findFirstOrThrow();
    await expect(server.db.auditEntry.update({ where: { id: entry.id }, data: { reason: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(server.db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });
});

describe('access', () => {
  it('refuses everyone but admins', async () => {
    const id = await newUser('student');
    const count = await server.db.auditEntry.count();
    for (const email of ['methodist@example.com', 'anna@example.com', 'ivan@example.com']) {
      const client = await login(email);
      expect((await client.get('/api/admin/audit')).status).toBe(403);
      expect((await client.patch(`/api/admin/users/${id}`, { role: 'admin', reason: 'let me in' })).status).toBe(403);
      expect((await client.post(`/api/admin/students/${id}/credit-adjustments`, { delta: 5, reason: 'free lessons', idempotencyKey: randomUUID() })).status).toBe(403);
    }
    expect((await new ApiClient(server.localUrl).get('/api/admin/audit')).status).toBe(401);
    expect(await server.db.auditEntry.count()).toBe(count);
    expect((await server.db.user.findUniqueOrThrow({ where: { id } })).role).toBe('student');
  });
});

describe('bad input', () => {
  it('is answered with 400 naming the field, and changes nothing', async () => {
    const id = await newUser('teacher');
    const before = await server.db.user.findUniqueOrThrow({ where: { id }, include: { teacherLanguages: true } });
    const count = await server.db.auditEntry.count();
    const patches: Array<[unknown, string]> = [
      [{ role: 'boss', reason: 'promotion' }, 'body.role'],
      [{ teaches: ['en', 'en'], reason: 'twice' }, 'body.teaches'],
      [{ teaches: ['fr'] }, 'body.teaches.0'],
      [{ role: 'teacher', reason: 'x' }, 'body.reason'],
      [{ disabled: 'yes' }, 'body.disabled'],
      [{ name: '' }, 'body.name'],
      [{ reason: 'only a reason' }, 'body'],
    ];
    for (const [body, path] of patches) {
      const response = await admin.patch(`/api/admin/users/${id}`, body);
      expect(response.status, path).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await admin.patch('/api/admin/users/123', { name: 'X' })).body.errors[0].path).toBe('params.id');
    expect((await admin.get('/api/admin/users/123')).body.errors[0].path).toBe('params.id');
    expect((await admin.get(`/api/admin/users/${randomUUID()}`)).status).toBe(404);
    expect((await admin.get(`/api/admin/users/${id}`)).body).toMatchObject({ id, role: 'teacher' });
    // A rule the schema cannot see: only people who teach have languages.
    const student = await newUser('student');
    const taught = await admin.patch(`/api/admin/users/${student}`, { teaches: ['en'], reason: 'mistake' });
    expect(taught.body.errors[0].path).toBe('body.teaches');

    const adjustments: Array<[unknown, string]> = [
      [{ delta: 0, reason: 'nothing', idempotencyKey: randomUUID() }, 'body.delta'],
      [{ delta: 1.5, reason: 'half', idempotencyKey: randomUUID() }, 'body.delta'],
      [{ delta: 1, reason: '', idempotencyKey: randomUUID() }, 'body.reason'],
      [{ delta: 1, reason: 'no key' }, 'body.idempotencyKey'],
    ];
    for (const [body, path] of adjustments) {
      const response = await admin.post(`/api/admin/students/${student}/credit-adjustments`, body);
      expect(response.status, path).toBe(400);
      expect(response.body.errors[0].path).toBe(path);
    }
    for (const [query, path] of [
      ['action=user.delete', 'query.action'],
      ['targetType=lesson', 'query.targetType'],
      ['targetId=42', 'query.targetId'],
      ['actorId=me', 'query.actorId'],
      ['from=yesterday', 'query.from'],
      ['limit=0', 'query.limit'],
    ]) {
      const response = await admin.get(`/api/admin/audit?${query}`);
      expect(response.status, path).toBe(400);
      expect(response.body.errors[0].path).toBe(path);
    }

    expect(await server.db.user.findUniqueOrThrow({ where: { id }, include: { teacherLanguages: true } })).toEqual(before);
    expect(await server.db.creditEntry.count({ where: { studentId: student } })).toBe(0);
    expect(await server.db.auditEntry.count()).toBe(count);
  });
});

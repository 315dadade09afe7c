import { randomUUID } from 'node:crypto';
import { hashPassword } from '@panda/api';
import type { Language, Role } from '@panda/db';
import { expect } from 'vitest';
import { ApiClient } from './http.js';
import type { TestServer } from './server.js';

/** The demo school's password; the accounts made here have it too. */
export const DEMO_PASSWORD = 'panda-demo';

/** A client signed in as `email` (the demo password unless given). */
export async function loginAs(server: Pick<TestServer, 'localUrl'>, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(server.localUrl);
  const response = await client.post('/api/auth/login', { email, password });
  expect(response.status).toBe(200);
  client.accessToken = response.body.accessToken;
  return client;
}

let demoPasswordHash: Promise<string> | undefined;

export interface NewUserOptions {
  role?: Role;
  /** `${role} ${tag}` by default, the tag being the one in the e-mail address. */
  name?: string;
  timeZone?: string;
  teaches?: Language[];
  /** When the e-mail was confirmed: now by default (pass the server's clock), null for not yet. */
  confirmedAt?: Date | null;
}

/** A new account (a student by default) straight in the database, with the demo password. */
export async function createUser(server: TestServer, options: NewUserOptions = {}): Promise<{ id: string; email: string }> {
  const { role = 'student', timeZone = 'UTC', teaches = [], confirmedAt = new Date() } = options;
  const tag = randomUUID().slice(0, 8);
  const email = `${role}-${tag}@example.com`;
  const user = await server.db.user.create({
    data: {
      email,
      passwordHash: await (demoPasswordHash ??= hashPassword(DEMO_PASSWORD)),
      name: options.name ?? `${role} ${tag}`,
      role,
      timeZone,
      locale: 'en',
      emailVerifiedAt: confirmedAt,
      teacherLanguages: { create: teaches.map((language) => ({ language })) },
    },
  });
  return { id: user.id, email };
}

/** A new account as `createUser` makes it, signed in. */
export async function newUser(server: TestServer, options: NewUserOptions = {}): Promise<{ id: string; email: string; client: ApiClient }> {
  const user = await createUser(server, options);
  return { ...user, client: await loginAs(server, user.email) };
}

import { ActiveSessionList, IdParams } from '@panda/shared';
import type { ApiModule } from '../../module.js';

/** The signed-in person's sessions, listed and ended from their profile. */
export const sessionsModule: ApiModule = {
  name: 'sessions',
  register(router, { services }) {
    const { sessions } = services;
    const tag = 'me';

    router.operation(
      { method: 'get', path: '/me/sessions', summary: 'My active sessions (devices signed in), the current one marked', tag, access: 'user', response: ActiveSessionList },
      async ({ user }) => ({ items: await sessions.list(user.id, user.sessionId) }),
    );

    router.operation(
      { method: 'delete', path: '/me/sessions/:id', summary: 'Sign out one of my sessions', tag, access: 'user', params: IdParams, status: 204 },
      ({ user, params }) => sessions.revoke(user.id, params.id),
    );

    router.operation(
      { method: 'post', path: '/me/sessions/revoke-others', summary: 'Sign out everywhere else', tag, access: 'user', status: 204 },
      ({ user }) => sessions.revokeOthers(user.id, user.sessionId),
    );
  },
};

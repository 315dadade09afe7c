import { Meta } from '@panda/shared';
import type { ApiModule } from '../../module.js';

export const metaModule: ApiModule = {
  name: 'meta',
  register(router, { settings, mailer, clock }) {
    router.operation(
      { method: 'get', path: '/meta', summary: 'Facts about this installation the UI needs before sign-in', tag: 'meta', access: 'public', response: Meta },
      async () => ({
        version: settings.version,
        devOutbox: mailer.devOutbox,
        roomOpensBeforeMinutes: settings.roomOpensBeforeMinutes,
        serverTime: clock.now().getTime(),
        boardLicenseKey: settings.boardLicenseKey ?? null,
        lessonDurations: [...settings.schedule.lessonDurations],
      }),
    );
  },
};

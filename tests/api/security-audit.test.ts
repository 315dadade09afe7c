import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttackLog } from '../../bench/security/attack-log.js';
import { ATTACK_AREAS } from '../../bench/security/areas.js';
import { AuditSchool } from '../../bench/security/school.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The security audit's attacks (`npm run audit:security`), area by area, against the real server:
 * every attack refused, nothing changed, the process up. The attacks check their own outcomes;
 * here each area must have tried enough and let nothing through.
 */

let server: TestServer;
let school: AuditSchool;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true', SFU_WORKERS: '1' } });
  school = await AuditSchool.open(server);
});
afterEach(() => school.closeClients());
afterAll(() => server?.close());

describe('security audit', () => {
  for (const [area, attack] of ATTACK_AREAS) {
    it(`refuses every attack: ${area}`, { timeout: 120_000 }, async () => {
      const log = new AttackLog();
      await attack(school, log);
      expect(log.tried(area)).toBeGreaterThanOrEqual(5);
      expect(log.failures()).toEqual([]);
    });
  }
});

/**
 * `npm run audit:security`: attacks the real server (the demo school, on a free port) the way an
 * attacker would — every REST operation anonymous and by the wrong role, malformed bodies, every
 * signaling event from every kind of person, junk payloads, floods, every kind of board change —
 * and prints what was tried and what got through, per area. Exits non-zero on any failure.
 */
import { startTestServer } from '../../tests/support/server.js';
import { AttackLog } from './attack-log.js';
import { ATTACK_AREAS } from './areas.js';
import { AuditSchool } from './school.js';

const server = await startTestServer({ env: { DEMO_DATA: 'true', SFU_WORKERS: '1' } });
const log = new AttackLog();
try {
  const school = await AuditSchool.open(server);
  for (const [name, attack] of ATTACK_AREAS) {
    process.stderr.write(`attacking: ${name}\n`);
    await attack(school, log);
  }
} finally {
  await server.close();
}
console.log(log.table());
const failures = log.failures();
for (const failure of failures) console.log(`FAILED ${failure.area}: ${failure.attack} → ${failure.verdict}${failure.detail ? ` (${failure.detail})` : ''}`);
process.exitCode = failures.length === 0 ? 0 : 1;

import type { AttackLog } from './attack-log.js';
import { attackBoardFloods, attackBoardWrites, BOARD_FLOODS, BOARD_WRITES } from './board-attacks.js';
import { attackRestAccess, attackRestBodies, REST_ACCESS, REST_BODIES } from './rest-attacks.js';
import type { AuditSchool } from './school.js';
import {
  attackSignalingAuthorization,
  attackSignalingFloods,
  attackSignalingPayloads,
  SIGNALING_AUTHORIZATION,
  SIGNALING_FLOODS,
  SIGNALING_FUZZ,
} from './signaling-attacks.js';

/** Every area the security audit attacks, in order; the test runs the same list. */
export const ATTACK_AREAS: ReadonlyArray<readonly [string, (school: AuditSchool, log: AttackLog) => Promise<void>]> = [
  [REST_ACCESS, attackRestAccess],
  [REST_BODIES, attackRestBodies],
  [SIGNALING_AUTHORIZATION, attackSignalingAuthorization],
  [SIGNALING_FUZZ, attackSignalingPayloads],
  [SIGNALING_FLOODS, attackSignalingFloods],
  [BOARD_WRITES, attackBoardWrites],
  [BOARD_FLOODS, attackBoardFloods],
];

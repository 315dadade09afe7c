import {
  ClientEvents,
  SIGNALING_PROTOCOL_VERSION,
  eventRate,
  type ClientEventName,
  type ClientPayload,
  type ErrorCode,
} from '@panda/shared';
import { io } from 'socket.io-client';
import type { TestSignalingClient } from '../../tests/support/signaling.js';
import type { AttackLog } from './attack-log.js';
import type { AuditSchool } from './school.js';

export const SIGNALING_AUTHORIZATION = 'signaling: who may send what';
export const SIGNALING_FUZZ = 'signaling: malformed and huge payloads';
export const SIGNALING_FLOODS = 'signaling: floods';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A well-formed payload for every client event, aimed at one lesson. Typed by the protocol: an
 * event added to it fails the type-check here until the attacks cover it.
 */
function samplePayloads(lessonId: string, targetId: string, materialId: string): { [E in ClientEventName]: ClientPayload<E> } {
  const dtls = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: 'AB:CD' }] };
  const rtp = { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48_000, channels: 2 }], encodings: [{ ssrc: 1111 }] };
  return {
    'room:join': { lessonId },
    'room:leave': {},
    'transport:create': { direction: 'recv' },
    'transport:connect': { transportId: UNKNOWN_ID, dtlsParameters: dtls },
    'transport:restart-ice': { transportId: UNKNOWN_ID },
    'media:ready': { rtpCapabilities: { codecs: [], headerExtensions: [] } },
    'media:produce': { transportId: UNKNOWN_ID, kind: 'audio', source: 'microphone', rtpParameters: rtp },
    'media:sync': {},
    'media:consume': { producerId: UNKNOWN_ID },
    'media:health': { send: null, recv: null, sending: [], receiving: { flowing: 0, expected: 0 }, lossPercent: null, roundTripMs: null },
    'media:pause': { producerId: UNKNOWN_ID },
    'media:resume': { producerId: UNKNOWN_ID },
    'media:close': { producerId: UNKNOWN_ID },
    'consumer:resume': { consumerId: UNKNOWN_ID },
    'consumer:viewport': { consumerId: UNKNOWN_ID, width: 320, height: 180 },
    'chat:send': { text: 'attack' },
    'board:test-answer': { materialId, answers: {} },
    'board:test-results': { materialId },
    'hand:set': { raised: true },
    'moderation:mute': { participantId: targetId },
    'moderation:ask-unmute': { participantId: targetId },
    'moderation:remove': { participantId: targetId },
    'room:lock': { locked: true },
    'recording:start': {},
    'recording:stop': {},
    'lesson:end': {},
  };
}

/** Events only the lesson's teacher may send. */
export const TEACHER_ONLY: ReadonlySet<ClientEventName> = new Set([
  'board:test-results',
  'moderation:mute',
  'moderation:ask-unmute',
  'moderation:remove',
  'room:lock',
  'recording:start',
  'recording:stop',
  'lesson:end',
]);
/** Events an observer (an admin watching) may not send: it watches, it sends no media nor answers. */
const NOT_FOR_OBSERVERS: ReadonlySet<ClientEventName> = new Set([...TEACHER_ONLY, 'media:produce', 'board:test-answer']);
/** Sent last, so that the rest still finds a room; leaving is tried by the stranger alone. */
const LAST: readonly ClientEventName[] = ['moderation:remove', 'room:lock', 'lesson:end'];

function attackOrder(): ClientEventName[] {
  const events = (Object.keys(ClientEvents) as ClientEventName[]).filter((event) => event !== 'room:leave' && !LAST.includes(event));
  return [...events, ...LAST];
}

async function answerCode(client: TestSignalingClient, event: ClientEventName, payload: unknown): Promise<ErrorCode | 'ok'> {
  const answer = await client.send(event, payload);
  return answer.ok ? 'ok' : answer.error.code;
}

async function testMaterial(school: AuditSchool): Promise<string> {
  return (await school.server.db.material.findFirstOrThrow({ where: { kind: 'test' } })).id;
}

/**
 * Every client event from every kind of person: no token, a stranger, a student of the lesson next
 * door, an admin watching, the lesson's student. What is not theirs to do is refused with
 * `forbidden` or `not_in_room`, and afterwards nothing has changed.
 */
export async function attackSignalingAuthorization(school: AuditSchool, log: AttackLog): Promise<void> {
  const area = SIGNALING_AUTHORIZATION;
  for (const [name, auth] of Object.entries({
    'no token': {},
    'a forged token': { token: 'forged', protocol: SIGNALING_PROTOCOL_VERSION },
    'a 5000-character token': { token: 'x'.repeat(5000), protocol: SIGNALING_PROTOCOL_VERSION },
  })) {
    const socket = io(school.server.localUrl, { auth, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    log.expectRefused(area, `connect with ${name}`, error.data?.code === 'unauthorized', error.message);
  }

  const lessonId = await school.lesson('anna', ['ivan'], 'Attacked lesson');
  // Olga has a lesson of her own at the same time, taught by the methodist.
  const nextDoor = await school.lesson('methodist', ['olga'], 'Next door');
  const payloads = samplePayloads(lessonId, school.id('ivan'), await testMaterial(school));

  const student = await school.seated('ivan', lessonId);
  const attackers = {
    'a stranger': await school.signaling('maria'),
    'a student of another lesson': await school.seated('olga', nextDoor),
    'an admin watching': await school.seated('admin', lessonId),
    'the lesson’s student': student,
  };
  const refusedAs = (who: string, event: ClientEventName): ErrorCode[] | null => {
    if (who === 'a stranger') return [event === 'room:join' ? 'forbidden' : 'not_in_room'];
    if (who === 'a student of another lesson' && event === 'room:join') return ['forbidden'];
    if (who === 'an admin watching') return NOT_FOR_OBSERVERS.has(event) ? ['forbidden'] : null;
    return TEACHER_ONLY.has(event) ? ['forbidden'] : null;
  };
  for (const [who, client] of Object.entries(attackers)) {
    for (const event of attackOrder()) {
      const code = await answerCode(client, event, payloads[event]);
      const expected = refusedAs(who, event);
      // What is theirs to do must not be refused as unauthorized either (a matrix that refuses
      // everything would pass otherwise).
      if (expected) log.expectRefused(area, `${event} from ${who}`, expected.includes(code as ErrorCode), code);
      else if (who === 'the lesson’s student') {
        log.expectRefused(area, `${event} from ${who} is not refused as unauthorized`, code !== 'forbidden' && code !== 'not_in_room', code);
      }
    }
  }
  log.expectRefused(area, 'room:leave from a stranger', (await answerCode(attackers['a stranger'], 'room:leave', {})) === 'not_in_room');

  // Nothing the refusals touched changed.
  const neighbour = await answerCode(attackers['a student of another lesson'], 'media:sync', {});
  log.expectUnchanged(area, 'the neighbour keeps her seat in her own lesson', neighbour === 'ok', neighbour);
  const lesson = await school.server.db.lesson.findUniqueOrThrow({ where: { id: lessonId } });
  log.expectUnchanged(area, 'the lesson was not ended', lesson.status === 'scheduled', lesson.status);
  const events = student.received.map((entry) => entry.event);
  log.expectUnchanged(area, 'the student was not removed', !events.includes('room:removed'));
  log.expectUnchanged(area, 'the student was not muted', !events.includes('moderation:muted'));
  const late = await school.signaling('ivan');
  const join = await answerCode(late, 'room:join', { lessonId });
  log.expectUnchanged(area, 'the room was not locked', join === 'ok', join);
  school.closeClients();
}

/** Payloads of every wrong shape: not objects, extra fields, the wrong types, too big, too deep. */
function junkPayloads(sample: object): unknown[] {
  let deep: unknown = {};
  for (let depth = 0; depth < 1000; depth++) deep = { nested: deep };
  const wrongFields = Object.keys(sample).flatMap((key) => [
    { ...sample, [key]: null },
    { ...sample, [key]: 'x'.repeat(100_000) },
    { ...sample, [key]: [{ a: 1 }] },
    { ...sample, [key]: -1e308 },
  ]);
  return [
    null,
    42,
    'payload',
    [sample],
    true,
    { ...sample, extra: 1 },
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    deep,
    { ...sample, blob: 'x'.repeat(900_000) },
    ...wrongFields,
  ];
}

/**
 * Every event with payloads no client sends, from a seated student: each is answered with a stable
 * code (never accepted, never an internal error), nothing is stored, and the room keeps working.
 */
export async function attackSignalingPayloads(school: AuditSchool, log: AttackLog): Promise<void> {
  const area = SIGNALING_FUZZ;
  const lessonId = await school.lesson('anna', ['ivan'], 'Fuzzed lesson');
  const teacher = await school.seated('anna', lessonId);
  const fuzzer = await school.seated('ivan', lessonId);
  const samples = samplePayloads(lessonId, school.id('anna'), await testMaterial(school));

  for (const event of Object.keys(ClientEvents) as ClientEventName[]) {
    // Leaving takes no fields at all: any payload it accepts just leaves.
    if (event === 'room:leave') continue;
    for (const [index, payload] of junkPayloads(samples[event]).entries()) {
      const code = await answerCode(fuzzer, event, payload);
      log.expectRefused(area, `${event} with junk #${index}`, code === 'validation_failed' || code === 'rate_limited', code);
    }
  }
  log.expectUnchanged(area, 'no prototype polluted', ({} as Record<string, unknown>).polluted === undefined);

  // Messages no client sends: unknown events, events without an acknowledgement, a message too big.
  fuzzer.socket.emit('no-such-event', { a: 1 }, () => undefined);
  fuzzer.socket.emit('chat:send', { text: 'no ack' });
  const tooBig = await school.signaling('ivan');
  const dropped = new Promise<string>((resolve) => tooBig.socket.once('disconnect', resolve));
  tooBig.socket.emit('chat:send', { text: 'x'.repeat(2_000_000) }, () => undefined);
  log.expectRefused(area, 'a 2 MB message closes its connection', /transport/.test(await dropped));

  log.expectAlive(area, await school.alive());
  const stored = await school.server.db.lessonChatMessage.count({ where: { lessonId } });
  log.expectUnchanged(area, 'no chat message stored', stored === 0, `${stored} stored`);
  const student = await school.seated('ivan', lessonId);
  await student.request('chat:send', { text: 'still here' });
  const heard = await teacher.next('chat:message', (message) => message.text === 'still here').then(() => true, () => false);
  log.expectUnchanged(area, 'the room still carries chat', heard);
  school.closeClients();
}

/** One connection floods chat, hands and consume requests: beyond each rate, `rate_limited`, nothing stored. */
export async function attackSignalingFloods(school: AuditSchool, log: AttackLog): Promise<void> {
  const area = SIGNALING_FLOODS;
  const lessonId = await school.lesson('anna', ['ivan'], 'Flooded lesson');
  const teacher = await school.seated('anna', lessonId);
  const flooder = await school.seated('ivan', lessonId);

  const flood = async (event: ClientEventName, payload: unknown, count: number) => {
    const codes = await Promise.all(Array.from({ length: count }, () => answerCode(flooder, event, payload)));
    const { burst } = eventRate(event);
    for (const [index, code] of codes.slice(burst).entries()) {
      log.expectRefused(area, `${event} #${burst + index + 1} of ${count} at once`, code === 'rate_limited', code);
    }
  };
  await flood('chat:send', { text: 'spam' }, 30);
  await flood('hand:set', { raised: true }, 20);
  await flood('media:consume', { producerId: UNKNOWN_ID }, 150);
  await flood('media:sync', {}, 20);

  const stored = await school.server.db.lessonChatMessage.count({ where: { lessonId } });
  log.expectUnchanged(area, 'only the chat burst was stored', stored === eventRate('chat:send').burst, `${stored} stored`);
  const teacherChat = await answerCode(teacher, 'chat:send', { text: 'teacher speaks' });
  log.expectUnchanged(area, 'the teacher is not slowed down by the student’s flood', teacherChat === 'ok', teacherChat);
  log.expectAlive(area, await school.alive());
  school.closeClients();
}

import type { Logger } from 'pino';
import { handle } from '../protocol.js';
import { SocketConnection } from '../transport/socket-connection.js';
import type { SignalingSocket } from '../transport/socket-types.js';
import type { RoomRegistry } from './room-registry.js';

/**
 * The lesson-room protocol on one connection: thin glue from validated events to the room. A
 * recovered connection goes straight back to its seat.
 */
export function registerRoomHandlers(socket: SignalingSocket, rooms: RoomRegistry, logger: Logger): void {
  const connection = new SocketConnection(socket);
  const seat = () => rooms.seatOf(connection);

  handle(socket, 'room:join', logger, async ({ lessonId }) => {
    // Admitted first: a join that is refused must not cost the seat this connection already has.
    const { room, role } = await rooms.admit(connection, lessonId);
    await rooms.leaveOtherLesson(connection, lessonId);
    return room.join(connection, role);
  });
  handle(socket, 'room:leave', logger, async () => {
    const { room, participant } = seat();
    await room.leave(participant.id);
    return {};
  });

  handle(socket, 'transport:create', logger, ({ direction }) => seat().participant.media.createTransport(direction));
  handle(socket, 'transport:connect', logger, async ({ transportId, dtlsParameters }) => {
    await seat().participant.media.connectTransport(transportId, dtlsParameters);
    return {};
  });
  handle(socket, 'transport:restart-ice', logger, async ({ transportId }) => ({
    iceParameters: await seat().participant.media.restartIce(transportId),
  }));

  handle(socket, 'media:ready', logger, async ({ rtpCapabilities }) => {
    seat().participant.media.setReady(rtpCapabilities);
    return {};
  });
  handle(socket, 'media:sync', logger, async () => ({ producers: seat().room.producers }));
  handle(socket, 'media:consume', logger, ({ producerId, replacing }) =>
    seat().participant.media.subscribe(producerId, replacing),
  );
  handle(socket, 'media:health', logger, async (health) => {
    const { room, participant } = seat();
    room.reportHealth(participant, health);
    return {};
  });
  handle(socket, 'media:produce', logger, async (request) => {
    const { room, participant } = seat();
    return { producerId: await room.produce(participant, request) };
  });
  handle(socket, 'media:pause', logger, async ({ producerId }) => {
    await seat().participant.media.pauseProducer(producerId);
    return {};
  });
  handle(socket, 'media:resume', logger, async ({ producerId }) => {
    const { room, participant } = seat();
    await room.resume(participant, producerId);
    return {};
  });
  handle(socket, 'media:close', logger, async ({ producerId }) => {
    seat().participant.media.closeProducer(producerId);
    return {};
  });
  handle(socket, 'consumer:resume', logger, async ({ consumerId }) => {
    await seat().participant.media.resumeConsumer(consumerId);
    return {};
  });
  handle(socket, 'consumer:viewport', logger, async ({ consumerId, height }) => {
    await seat().participant.media.setViewport(consumerId, height);
    return {};
  });

  handle(socket, 'chat:send', logger, ({ text }) => {
    const { room, participant } = seat();
    return room.chat(participant, text);
  });
  handle(socket, 'board:test-answer', logger, ({ materialId, answers }) => {
    const { room, participant } = seat();
    return room.answerTest(participant, materialId, answers);
  });
  handle(socket, 'board:test-results', logger, async ({ materialId }) => {
    const { room, participant } = seat();
    return { attempts: await room.testResults(participant, materialId) };
  });
  handle(socket, 'hand:set', logger, async ({ raised }) => {
    const { room, participant } = seat();
    room.setHand(participant, raised);
    return {};
  });

  handle(socket, 'moderation:mute', logger, async ({ participantId }) => {
    const { room, participant } = seat();
    await room.mute(participant, participantId);
    return {};
  });
  handle(socket, 'moderation:ask-unmute', logger, async ({ participantId }) => {
    const { room, participant } = seat();
    room.askUnmute(participant, participantId);
    return {};
  });
  handle(socket, 'moderation:remove', logger, async ({ participantId }) => {
    const { room, participant } = seat();
    await room.remove(participant, participantId);
    return {};
  });
  handle(socket, 'room:lock', logger, async ({ locked }) => {
    const { room, participant } = seat();
    room.lock(participant, locked);
    return {};
  });
  handle(socket, 'recording:start', logger, async () => {
    const { room, participant } = seat();
    room.startRecording(participant);
    return {};
  });
  handle(socket, 'recording:stop', logger, async () => {
    const { room, participant } = seat();
    room.stopRecording(participant);
    return {};
  });
  handle(socket, 'lesson:end', logger, async () => {
    const { room, participant } = seat();
    await room.end('ended_by_teacher', participant);
    return {};
  });

  socket.on('disconnect', () => rooms.connectionLost(connection));
  if (socket.recovered) rooms.reattach(connection);
}

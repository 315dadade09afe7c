export { SignalingGateway, type SignalingGatewayOptions, type SignalingServer, type SignalingSocket } from './gateway.js';
export { PrismaLessonStore, type LessonStore, type LessonInfo } from './room/lesson-store.js';
export { DEFAULT_ROOM_TIMING, decideRoomAccess, type RoomTiming } from './room/access.js';
export { iceServersFor, type TurnSettings } from './ice-servers.js';

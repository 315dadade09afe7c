export { SignalingGateway, type SignalingGatewayOptions, type SignalingServer, type SignalingSocket } from './gateway.js';
export { PrismaLessonStore, type LessonStore, type LessonInfo } from './room/lesson-store.js';
export { PrismaRecordingStore } from './room/recording-store.js';
export { DEFAULT_ROOM_TIMING, decideRoomAccess, type RoomTiming } from './room/access.js';
export { iceServersFor, type TurnSettings } from './ice-servers.js';
export { BoardServer, type BoardServerOptions } from './board/board-server.js';
export { compactBoard, PrismaBoardStore, type BoardStore } from './board/board-store.js';
export { RedisBoardRelay, type BoardRelay } from './board/board-relay.js';
export { boardStateWith, LessonBoard } from './board/lesson-board.js';

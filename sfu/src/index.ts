export { WorkerPool, type WorkerPoolEvents, type WorkerPoolSettings } from './worker-pool.js';
export { MediaWorker, type MediaWorkerSettings } from './media-worker.js';
export { MediaRoom, type MediaRoomEvents } from './media-room.js';
export { MediaPeer, type MediaPeerEvents, type ProduceRequest } from './media-peer.js';
export { MediaError } from './media-error.js';
export { ROUTER_MEDIA_CODECS } from './media-codecs.js';
export { spatialLayerForTile } from './layers.js';
export { playingTime, TrackRecorder, type TrackRecording } from './track-recorder.js';

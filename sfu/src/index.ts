export { WorkerPool, type WorkerPoolEvents, type WorkerPoolSettings } from './worker-pool.js';
export { MediaWorker, type MediaWorkerSettings } from './media-worker.js';
export { ROUTER_MEDIA_CODECS } from './media-codecs.js';

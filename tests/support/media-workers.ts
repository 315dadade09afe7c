import { childPids } from '../../bench/lib/proc.js';

/** The pids of this process's mediasoup workers: the server runs in-process, its workers are our children. */
export const mediasoupWorkerPids = (): number[] => childPids(process.pid, 'mediasoup-worker');

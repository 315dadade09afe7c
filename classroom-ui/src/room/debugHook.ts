import type { RoomClient, RoomDiagnostics } from './RoomClient';

/**
 * TEST/DEBUG HOOK: a read-only view of the room for end-to-end tests and for someone debugging a
 * lesson from the browser console. Nothing in the app reads it, and it can't change anything.
 */
export interface PandaRoomDebugHook {
  readonly participantId: string | null;
  readonly consumers: () => RoomDiagnostics['consumers'];
  readonly sendTransportState: RoomDiagnostics['sendTransportState'];
  readonly recvTransportState: RoomDiagnostics['recvTransportState'];
  /** Subscriptions the reconciliation repaired in the current media session. */
  readonly repairs: number;
  readonly producers: () => RoomDiagnostics['producers'];
  /** The phase, the last failed action and the reconciliation's comparisons, in one line. */
  readonly state: () => string;
}

declare global {
  interface Window {
    __pandaRoom?: PandaRoomDebugHook;
  }
}

/** Installs the hook for this client; returns the function that removes it. */
export function exposeDebugHook(client: RoomClient): () => void {
  const hook: PandaRoomDebugHook = Object.freeze({
    get participantId() {
      return client.diagnostics().participantId;
    },
    consumers: () => client.diagnostics().consumers,
    get sendTransportState() {
      return client.diagnostics().sendTransportState;
    },
    get recvTransportState() {
      return client.diagnostics().recvTransportState;
    },
    get repairs() {
      return client.diagnostics().repairs;
    },
    producers: () => client.diagnostics().producers,
    state: () => {
      const { phase, actionError, syncs } = client.diagnostics();
      return `phase ${phase}, error ${actionError ?? '-'}, syncs ${syncs ? `${syncs.done} (slowest ${syncs.slowestMs} ms, last error ${syncs.lastError ?? '-'})` : 'none'}`;
    },
  });
  window.__pandaRoom = hook;
  return () => {
    if (window.__pandaRoom === hook) delete window.__pandaRoom;
  };
}

// The lesson room's read-only debug hook (classroom-ui/src/room/debugHook.ts), as tests see it.
interface Window {
  __pandaRoom?: {
    readonly participantId: string | null;
    consumers(): Array<{ participantId: string; kind: 'audio' | 'video'; source: string; readyState: string }>;
    readonly sendTransportState: string;
    readonly recvTransportState: string;
  };
}

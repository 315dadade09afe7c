import { createRequire } from 'node:module';

/**
 * The one place where Node gets a WebRTC stack: `@roamhq/wrtc` (libwebrtc) installed as the
 * browser globals that mediasoup-client's Chrome111 handler expects, plus typed access to wrtc's
 * non-standard sources and sinks (synthetic camera and microphone, frame counters).
 *
 * The root tsconfig has no DOM library, so the WebRTC types are described here as far as this
 * code uses them, instead of leaking `any` from the packages' declarations.
 */

/** A MediaStreamTrack as wrtc implements it. */
export interface WrtcTrack {
  readonly id: string;
  readonly kind: string;
  readonly readyState: 'live' | 'ended';
  enabled: boolean;
  stop(): void;
}

/** An I420 picture: `data` holds width×height luma bytes, then the two quarter-size chroma planes. */
export interface I420Frame {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface AudioData {
  samples: Int16Array;
  sampleRate: number;
  bitsPerSample?: number;
  channelCount?: number;
  numberOfFrames?: number;
}

export interface VideoSource {
  createTrack(): WrtcTrack;
  onFrame(frame: I420Frame): void;
}

export interface AudioSource {
  createTrack(): WrtcTrack;
  onData(data: AudioData): void;
}

export interface VideoSink {
  readonly stopped: boolean;
  onframe: ((event: { frame: I420Frame }) => void) | null;
  stop(): void;
}

export interface AudioSink {
  readonly stopped: boolean;
  ondata: ((data: AudioData) => void) | null;
  stop(): void;
}

/** One entry of an RTCStatsReport, as far as this code reads it. */
export interface RtcStat {
  type: string;
  kind?: string;
  packetsLost?: number;
  packetsReceived?: number;
  framesDecoded?: number;
  bytesReceived?: number;
}

/** RTCStatsReport is a maplike of stat id → stat. */
export interface RtcStatsReport {
  forEach(callback: (stat: RtcStat) => void): void;
}

export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface RtpTransceiver {
  readonly mid: string | null;
}

export interface IceCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
}

/**
 * An RTCPeerConnection for code that speaks SDP itself instead of through mediasoup-client (a
 * peer SFU's client in bench/peers).
 */
export interface PeerConnection {
  /** Each local candidate as it is gathered; `null` when gathering is done. */
  onicecandidate: ((event: { candidate: IceCandidate | null }) => void) | null;
  ontrack: ((event: { track: WrtcTrack; transceiver: RtpTransceiver }) => void) | null;
  addTransceiver(
    track: WrtcTrack,
    init: { direction: 'sendonly'; sendEncodings?: Array<{ maxBitrate?: number; maxFramerate?: number }> },
  ): RtpTransceiver;
  createOffer(): Promise<SessionDescription>;
  createAnswer(): Promise<SessionDescription>;
  setLocalDescription(description: SessionDescription): Promise<void>;
  setRemoteDescription(description: SessionDescription): Promise<void>;
  getStats(): Promise<RtcStatsReport>;
  close(): void;
}

interface WrtcModule {
  MediaStream: unknown;
  MediaStreamTrack: unknown;
  RTCPeerConnection: new (config: { bundlePolicy: 'max-bundle'; rtcpMuxPolicy: 'require' }) => PeerConnection;
  RTCSessionDescription: unknown;
  RTCIceCandidate: unknown;
  RTCRtpSender: unknown;
  RTCRtpReceiver: unknown;
  RTCRtpTransceiver: unknown;
  RTCDataChannel: unknown;
  nonstandard: {
    RTCVideoSource: new (init?: { isScreencast?: boolean }) => VideoSource;
    RTCAudioSource: new () => AudioSource;
    RTCVideoSink: new (track: WrtcTrack) => VideoSink;
    RTCAudioSink: new (track: WrtcTrack) => AudioSink;
  };
}

/** The browser globals mediasoup-client's handler touches. */
const GLOBALS = [
  'MediaStream',
  'MediaStreamTrack',
  'RTCPeerConnection',
  'RTCSessionDescription',
  'RTCIceCandidate',
  'RTCRtpSender',
  'RTCRtpReceiver',
  'RTCRtpTransceiver',
  'RTCDataChannel',
] as const;

let wrtc: WrtcModule | undefined;

/**
 * Loads wrtc once and installs its classes on `globalThis` (idempotent). Must run before the
 * first mediasoup-client Device is created; `HeadlessClient` calls it.
 */
export function installWebRtc(): WrtcModule {
  if (wrtc) return wrtc;
  const loaded = createRequire(import.meta.url)('@roamhq/wrtc') as WrtcModule;
  const target = globalThis as Record<string, unknown>;
  for (const name of GLOBALS) target[name] ??= loaded[name];
  wrtc = loaded;
  return loaded;
}

export function createVideoSource(): VideoSource {
  return new (installWebRtc().nonstandard.RTCVideoSource)();
}

export function createAudioSource(): AudioSource {
  return new (installWebRtc().nonstandard.RTCAudioSource)();
}

export function createVideoSink(track: WrtcTrack): VideoSink {
  return new (installWebRtc().nonstandard.RTCVideoSink)(track);
}

export function createAudioSink(track: WrtcTrack): AudioSink {
  return new (installWebRtc().nonstandard.RTCAudioSink)(track);
}

/** A peer connection as mediasoup-client's handler makes them: one bundled transport, RTCP muxed. */
export function createPeerConnection(): PeerConnection {
  return new (installWebRtc().RTCPeerConnection)({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
}

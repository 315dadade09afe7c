import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';
import { AUDIO_LEVEL_EXTENSION_ID, type StreamTarget } from './rtp-load.js';
import { AUDIO_PAYLOAD_TYPE, VIDEO_PAYLOAD_TYPE } from './rtp-recording.js';
import type { WatchedRoom } from './sfu-watch.js';

/**
 * Cheap ends for one lesson's router: each participant sends audio and video over a PlainTransport
 * (plain RTP from the replayer, like a browser's send transport carrying both) and receives the
 * others' tracks over a PlainTransport with SRTP (what a WebRTC receive transport costs the worker:
 * forwarding plus encryption) towards a counting socket. No ICE, DTLS or decoding on the ends.
 */

const SRTP_SUITE = 'AES_CM_128_HMAC_SHA1_80' as const;
const LOOPBACK: types.TransportListenInfo = { protocol: 'udp', ip: '127.0.0.1' };

export interface PlainParticipant {
  peerId: string;
  audio: types.Producer;
  video: types.Producer;
  streams: StreamTarget[];
}

let nextSsrc = 10_000_000;

/** A participant's producers; their audio joins the room's speaker observers like a real one. */
export async function addPlainProducers(room: WatchedRoom, peerId: string, audioLevel: number): Promise<PlainParticipant> {
  const transport = await room.router.createPlainTransport({ listenInfo: LOOPBACK, rtcpMux: true, comedia: true });
  const audioSsrc = nextSsrc++;
  const videoSsrc = nextSsrc++;
  const audio = await transport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PAYLOAD_TYPE, clockRate: 48_000, channels: 2, parameters: { useinbandfec: 1 } }],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: AUDIO_LEVEL_EXTENSION_ID }],
      encodings: [{ ssrc: audioSsrc }],
    },
    appData: { peerId, source: 'microphone' },
  });
  const video = await transport.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'video/VP8',
          payloadType: VIDEO_PAYLOAD_TYPE,
          clockRate: 90_000,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
        },
      ],
      encodings: [{ ssrc: videoSsrc }],
    },
    appData: { peerId, source: 'camera' },
  });
  await room.audioLevels?.addProducer({ producerId: audio.id });
  await room.activeSpeaker?.addProducer({ producerId: audio.id });
  const port = transport.tuple.localPort;
  return {
    peerId,
    audio,
    video,
    streams: [
      { port, kind: 'audio', ssrc: audioSsrc, audioLevel },
      { port, kind: 'video', ssrc: videoSsrc },
    ],
  };
}

/** A receive transport with SRTP towards `counterPort`, consuming every track of the others. */
export async function addPlainConsumers(room: WatchedRoom, others: PlainParticipant[], counterPort: number): Promise<types.Consumer[]> {
  const transport = await room.router.createPlainTransport({
    listenInfo: LOOPBACK,
    rtcpMux: true,
    comedia: false,
    enableSrtp: true,
    srtpCryptoSuite: SRTP_SUITE,
  });
  await transport.connect({
    ip: '127.0.0.1',
    port: counterPort,
    // The counter only reads RTP headers (clear under SRTP); this key would decrypt its RTCP.
    srtpParameters: { cryptoSuite: SRTP_SUITE, keyBase64: randomBytes(30).toString('base64') },
  });
  const consumers: types.Consumer[] = [];
  for (const other of others) {
    for (const producer of [other.audio, other.video]) {
      consumers.push(await transport.consume({ producerId: producer.id, rtpCapabilities: room.router.rtpCapabilities }));
    }
  }
  return consumers;
}

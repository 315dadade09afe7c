import { useEffect, useRef } from 'react';
import type { RemoteMedia } from './roomState';
import { useRoomClient } from './context';

/** Browsers and the server's layer choice both cap out well below this; it is the contract's bound. */
const MAX_VIEWPORT = 8192;

interface VideoViewProps {
  track: MediaStreamTrack;
  testId: string;
  mirrored?: boolean;
  /** Set for a live remote video: its rendered size goes to the server, which picks the layer. */
  consumerId?: string | undefined;
  /** Told when the element has a first picture of its current track. */
  onPicture?: () => void;
}

/**
 * One video track. The element stays mounted while its track is replaced, so a reconnecting
 * person keeps their last frame on screen instead of a blank.
 */
export function VideoView({ track, testId, mirrored = false, consumerId, onPicture }: VideoViewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const client = useRoomClient();

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    if (!onPicture) return;
    video.addEventListener('loadeddata', onPicture);
    return () => video.removeEventListener('loadeddata', onPicture);
  }, [track, onPicture]);

  useEffect(() => {
    const video = ref.current;
    if (!video || !consumerId) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      // Device pixels: a tile on a high-density screen needs the sharper layer.
      const scale = window.devicePixelRatio || 1;
      const size = (css: number) => Math.min(MAX_VIEWPORT, Math.round(css * scale));
      client.reportViewport(consumerId, size(entry.contentRect.width), size(entry.contentRect.height));
    });
    observer.observe(video);
    return () => observer.disconnect();
  }, [client, consumerId]);

  return (
    <video
      ref={ref}
      className={mirrored ? 'mirrored' : undefined}
      data-testid={testId}
      autoPlay
      playsInline
      // Sound plays through the separate audio elements, never twice.
      muted
    />
  );
}

/** Plays one remote audio track; the tiles can come and go without the sound stopping. */
export function RemoteAudio({ media }: { media: RemoteMedia }) {
  const ref = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (ref.current) ref.current.srcObject = new MediaStream([media.track]);
  }, [media.track]);

  const testId =
    media.source === 'microphone' ? `audio-${media.participantId}` : `audio-${media.participantId}-${media.source}`;
  return <audio ref={ref} autoPlay data-testid={testId} />;
}

import type { ReactNode } from 'react';
import type { MaterialContent } from '@panda/shared';
import { useFileUrl } from '../hooks/useFileUrl';
import { useT } from '../i18n';

/** An uploaded file (`fileId`) or an address on the web (`url`). */
type PlayableSource = MaterialContent<'video'>['source'];

interface MediaPlayerProps {
  kind: 'video' | 'audio';
  source: PlayableSource;
  /** What is playing, for screen readers. */
  label: string;
  /** The length in whole seconds, once the browser knows it. */
  onDuration?: (seconds: number) => void;
}

/** The browser's own player for a video or a recording. */
export function MediaPlayer({ kind, source, label, onDuration }: MediaPlayerProps) {
  const t = useT();
  const { url, error } = useSourceUrl(source);
  if (error) return <p className="field-error">{t('media.unavailable')}</p>;
  if (!url) return <p className="muted">{t('common.loading')}</p>;
  const props = {
    src: url,
    controls: true,
    preload: 'metadata',
    'aria-label': label,
    onLoadedMetadata: (event: { currentTarget: HTMLMediaElement }) => {
      const seconds = Math.round(event.currentTarget.duration);
      if (Number.isFinite(seconds) && seconds > 0) onDuration?.(seconds);
    },
  } as const;
  return kind === 'video' ? <video className="media-player" {...props} /> : <audio className="media-player" {...props} />;
}

/** A link that opens an uploaded file in a new tab. */
export function FileLink({ fileId, children }: { fileId: string; children: ReactNode }) {
  const { url } = useFileUrl(fileId);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

function useSourceUrl(source: PlayableSource) {
  const file = useFileUrl('fileId' in source ? source.fileId : undefined);
  return 'url' in source ? { url: source.url, error: undefined } : file;
}

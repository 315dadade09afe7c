import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { momentsUntil, type LessonReplay } from '@panda/shared';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { LoadingScreen } from '../../components/LoadingScreen';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { LessonChat } from './LessonPage';
import { lessonPath } from './paths';

// tldraw is most of the board's weight: loaded with this page only.
const ReplayedLessonBoard = lazy(() => import('../../board/LessonBoard').then((board) => ({ default: board.ReplayedLessonBoard })));

/** How often a playing replay moves on, in real milliseconds. */
const TICK_MS = 250;
const SPEEDS = [1, 2, 4, 8, 16] as const;

/** `/lessons/:id/replay`: the lesson again — its board, chat and shown materials, moving together on one timeline. */
export function LessonReplayPage() {
  const t = useT();
  const { id = '' } = useParams();
  const replay = useQuery((signal) => api.lessonReplay(id, signal), [id]);
  return (
    <Page title={t('replay.title')} testId="replay-page">
      <p>
        <Link to={lessonPath(id)}>{t('replay.back')}</Link>
      </p>
      {replay.error && <LoadError error={replay.error} onRetry={replay.reload} />}
      {replay.data && <Replay replay={replay.data} />}
    </Page>
  );
}

function Replay({ replay }: { replay: LessonReplay }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const batches = useMemo(
    () => replay.board.map((moment) => ({ at: Date.parse(moment.at), update: Uint8Array.from(atob(moment.update), (char) => char.charCodeAt(0)) })),
    [replay.board],
  );
  const start = Date.parse(replay.startsAt);
  // The timeline runs to the lesson's end, or to whatever happened after it.
  const end = Math.max(Date.parse(replay.endsAt), ...batches.map((batch) => batch.at), ...replay.chat.map((message) => Date.parse(message.sentAt)));
  const [at, setAt] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setAt((current) => {
        const next = Math.min(end, current + TICK_MS * speed);
        if (next === end) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [playing, speed, end]);

  // A new list only when the count changes: the board redraws when something happened on it.
  const count = batches.filter((batch) => batch.at <= at).length;
  const shownBatches = useMemo(() => batches.slice(0, count).map((batch) => batch.update), [batches, count]);
  const chat = momentsUntil(replay.chat, at);
  const materials = momentsUntil(replay.materials, at);

  return (
    <div className="replay">
      <div className="replay-controls card">
        <button type="button" className="btn btn-primary" data-testid="replay-play" onClick={() => (at >= end ? (setAt(start), setPlaying(true)) : setPlaying(!playing))}>
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        <input
          type="range"
          className="replay-timeline"
          data-testid="replay-timeline"
          aria-label={t('replay.timeline')}
          min={start}
          max={end}
          step={1000}
          value={at}
          onChange={(event) => setAt(Number(event.target.value))}
        />
        <span className="replay-clock" data-testid="replay-clock">
          {clock(at - start)} / {clock(end - start)}
        </span>
        <label>
          <span className="visually-hidden">{t('replay.speed')}</span>
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}>
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {option}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="replay-body">
        <div className="archived-board replay-board">
          <Suspense fallback={<LoadingScreen />}>
            <ReplayedLessonBoard lessonId={replay.lessonId} batches={shownBatches} at={at} />
          </Suspense>
        </div>
        <aside className="replay-side">
          {replay.mix ? (
            // The tracks composed into one: it plays instead of them, and is the file to keep.
            <section className="card replay-recording" aria-label={t('replay.recording')} data-testid="replay-recording">
              <InStepMedia
                kind="video"
                url={replay.mix.url}
                startedAt={Date.parse(replay.mix.startedAt)}
                stoppedAt={Date.parse(replay.mix.startedAt) + replay.mix.durationMs}
                className="replay-video replay-mix"
                at={at}
                playing={playing}
                speed={speed}
              />
              <a className="btn replay-mix" href={replay.mix.url} download data-testid="replay-download">
                {t('replay.download')}
              </a>
            </section>
          ) : (
            replay.tracks.length > 0 && (
              <section className="card replay-recording" aria-label={t('replay.recording')} data-testid="replay-recording">
                {replay.tracks.map((track) => (
                  <InStepMedia
                    key={track.id}
                    kind={track.kind}
                    url={track.url}
                    startedAt={Date.parse(track.startedAt)}
                    stoppedAt={Date.parse(track.stoppedAt)}
                    caption={track.name}
                    className="replay-video"
                    at={at}
                    playing={playing}
                    speed={speed}
                  />
                ))}
              </section>
            )
          )}
          <LessonChat chat={chat} empty={t('replay.noChatYet')} testId="replay-chat" />
          <section className="card" aria-labelledby="replay-shown">
            <h2 id="replay-shown">{t('lessons.shown')}</h2>
            {materials.length === 0 && <p className="empty">{t('replay.noneShownYet')}</p>}
            <ul data-testid="replay-materials">
              {materials.map((material) => (
                <li key={material.materialId}>
                  {material.title} <span className="muted">· {t(`materialKind.${material.kind}`)} · {format.time(material.at)}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

/** How far a recorded track may drift from the timeline before it is put back in step, in seconds. */
const DRIFT_SECONDS = 0.4;

interface InStepMediaProps {
  kind: 'audio' | 'video';
  url: string;
  /** Where the file starts and ends on the timeline (ms since the epoch). */
  startedAt: number;
  stoppedAt: number;
  caption?: string;
  className: string;
  at: number;
  playing: boolean;
  speed: number;
}

/**
 * A recorded file (one camera, microphone or screen, or all of them composed), playing in step
 * with the timeline while the timeline is inside it, and out of the way otherwise.
 */
function InStepMedia({ kind, url, startedAt, stoppedAt, caption, className, at, playing, speed }: InStepMediaProps) {
  const element = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const inside = at >= startedAt && at <= stoppedAt;
  useEffect(() => {
    const media = element.current;
    if (!media) return;
    media.playbackRate = speed;
    if (!inside) {
      media.pause();
      return;
    }
    const wanted = (at - startedAt) / 1000;
    if (Math.abs(media.currentTime - wanted) > DRIFT_SECONDS * speed) media.currentTime = wanted;
    if (playing && media.paused) void media.play().catch(() => undefined);
    if (!playing && !media.paused) media.pause();
  }, [at, playing, speed, inside, startedAt]);

  if (kind === 'audio') return <audio ref={element} src={url} preload="auto" data-testid="replay-audio" />;
  return (
    <figure className={className} hidden={!inside}>
      <video ref={element} src={url} preload="auto" playsInline data-testid="replay-video" />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

/** Minutes and seconds into the lesson. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

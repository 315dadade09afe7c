import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useT } from '../i18n';
import { useRoomClient } from './context';
import { RoomFrame } from './RoomFrame';
import type { RemovalReason } from './roomState';

export function LessonOver() {
  const t = useT();
  useDocumentTitle(t('room.ended.title'));
  return (
    <RoomFrame>
      <section className="card room-exit" data-testid="lesson-over">
        <h1>{t('room.ended.title')}</h1>
        <p>{t('room.ended.text')}</p>
        <Link className="btn btn-primary" to="/dashboard">
          {t('room.back')}
        </Link>
      </section>
    </RoomFrame>
  );
}

export function Removed({ reason }: { reason: RemovalReason }) {
  const t = useT();
  const client = useRoomClient();
  const title = t('room.removed.title');
  useDocumentTitle(title);
  return (
    <RoomFrame>
      <section className="card room-exit" data-testid="room-removed" data-reason={reason}>
        <h1>{title}</h1>
        <p>{reason === 'removed_by_teacher' ? t('room.removed.byTeacher') : t('room.removed.elsewhere')}</p>
        <div className="form-actions">
          {reason === 'joined_elsewhere' && (
            <button type="button" className="btn btn-secondary" onClick={() => client.returnToPreJoin()}>
              {t('room.removed.joinHere')}
            </button>
          )}
          <Link className="btn btn-primary" to="/dashboard">
            {t('room.back')}
          </Link>
        </div>
      </section>
    </RoomFrame>
  );
}

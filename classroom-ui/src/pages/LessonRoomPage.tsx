import { Link } from 'react-router';
import { Page } from '../components/Page';
import { useT } from '../i18n';
import { ComingSoon } from './ComingSoonPage';

export function LessonRoomPage() {
  const t = useT();
  return (
    <Page title={t('room.title')}>
      <ComingSoon text={t('room.soon')} />
      <p>
        <Link to="/dashboard">{t('room.back')}</Link>
      </p>
    </Page>
  );
}

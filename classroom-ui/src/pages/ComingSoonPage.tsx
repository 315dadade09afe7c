import { Page } from '../components/Page';
import { useT } from '../i18n';
import type { UpcomingSection } from '../navigation';

export function ComingSoonPage({ section }: { section: UpcomingSection }) {
  const t = useT();
  return (
    <Page title={t(`nav.${section}`)}>
      <ComingSoon text={t(`soon.${section}`)} />
    </Page>
  );
}

/** A clearly labelled stand-in for a section that isn't built yet. */
export function ComingSoon({ text }: { text: string }) {
  const t = useT();
  return (
    <div className="card placeholder" data-testid="coming-soon">
      <span className="badge">{t('soon.badge')}</span>
      <p>
        <strong>{t('soon.lead')}</strong> {text}
      </p>
    </div>
  );
}

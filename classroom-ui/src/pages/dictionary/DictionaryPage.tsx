import { useUser } from '../../auth/session';
import { Page } from '../../components/Page';
import { Tabs } from '../../components/Tabs';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { GamesTab } from './GamesTab';
import { ReviewTab } from './ReviewTab';
import { StudentWordsPage } from './StudentWordsPage';
import { WordsTab } from './WordsTab';

const TABS = ['words', 'review', 'games'] as const;
type Tab = (typeof TABS)[number];
const FILTERS = ['tab'] as const;

/** The student's dictionary: their words, today's review and the vocabulary games; for a teacher, adding words to their students'. */
export function DictionaryPage() {
  const user = useUser();
  return user.role === 'student' ? <MyDictionary /> : <StudentWordsPage />;
}

function MyDictionary() {
  const t = useT();
  const { filters, setFilters } = useUrlFilters(FILTERS);
  const tab: Tab = TABS.find((name) => name === filters.tab) ?? 'words';
  return (
    <Page title={t('nav.dictionary')} testId="dictionary">
      <Tabs tabs={TABS} current={tab} label={(name) => t(`dictionary.tab.${name}`)} onSelect={(name) => setFilters({ tab: name === 'words' ? '' : name })} testId="dictionary-tab">
        {tab === 'words' && <WordsTab />}
        {tab === 'review' && <ReviewTab />}
        {tab === 'games' && <GamesTab />}
      </Tabs>
    </Page>
  );
}

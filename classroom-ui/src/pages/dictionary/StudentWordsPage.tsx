import { useState } from 'react';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { SelectField } from '../../components/fields';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { WordForm } from './WordsTab';

/** The most students a teacher picks from; the API pages enrollments. */
const STUDENTS_LIMIT = 200;

/** A teacher puts a word into the dictionary of one of their students, in the language they teach them. */
export function StudentWordsPage() {
  const t = useT();
  const enrollments = useQuery((signal) => api.enrollments({ limit: STUDENTS_LIMIT, offset: 0 }, signal), []);
  const [enrollmentId, setEnrollmentId] = useState('');
  const [added, setAdded] = useState(0);
  const chosen = enrollments.data?.items.find((enrollment) => enrollment.id === enrollmentId);

  return (
    <Page title={t('nav.dictionary')} testId="student-words">
      <p className="muted">{t('dictionary.teacher.lead')}</p>
      {enrollments.error && <LoadError error={enrollments.error} onRetry={enrollments.reload} />}
      <SelectField label={t('dictionary.teacher.student')} value={enrollmentId} onChange={(event) => setEnrollmentId(event.target.value)} data-testid="word-student">
        <option value="">—</option>
        {enrollments.data?.items.map((enrollment) => (
          <option key={enrollment.id} value={enrollment.id}>
            {enrollment.student.name} · {t(`language.${enrollment.language}`)}
          </option>
        ))}
      </SelectField>
      {added > 0 && <Alert tone="success">{t('dictionary.teacher.added', { count: added })}</Alert>}
      {chosen && (
        <WordForm
          key={chosen.id}
          entry={null}
          addTo={{ studentId: chosen.student.id, language: chosen.language }}
          onSaved={() => setAdded((count) => count + 1)}
        />
      )}
    </Page>
  );
}

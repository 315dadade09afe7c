import { useMemo, useState, type SubmitEvent } from 'react';
import { AssignHomeworkBody, DAY_MS, type Homework, type HomeworkItem, type Lesson } from '@panda/shared';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { SearchField } from '../../components/FilterBar';
import { Checkbox, CheckboxGroup, RadioGroup, SelectField, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { testKind, type TestDraft } from '../materials/test/TestEditor';
import { homeworkApi } from './homeworkApi';
import { submissionPath } from './paths';
import './homework.css';

/** A lesson's homework is set at its end, or soon after: the lessons of the last two weeks are offered. */
const LOOK_BACK_DAYS = 14;

type Source = 'library' | 'spot';

/** Homework for a lesson's students: a test from the library or a worksheet written here, and files if wanted. */
export function AssignHomeworkPage() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const [search] = useSearchParams();
  // The range is fixed when the page opens, so the list does not reload on every render.
  const range = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now - LOOK_BACK_DAYS * DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString(), now };
  }, []);
  const lessons = useQuery((signal) => api.myLessons({ from: range.from, to: range.to }, signal), [range]);
  const offered = (lessons.data?.items ?? [])
    .filter((lesson) => lesson.teacher.id === user.id && lesson.status !== 'cancelled' && new Date(lesson.startsAt).getTime() <= range.now)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  const [lessonId, setLessonId] = useState(search.get('lesson') ?? '');
  const lesson = offered.find((candidate) => candidate.id === lessonId) ?? offered[0];
  const [studentIds, setStudentIds] = useState<string[] | null>(null);
  const chosenStudents = studentIds ?? lesson?.students.map((student) => student.id) ?? [];

  const [source, setSource] = useState<Source>('library');
  const [query, setQuery] = useState('');
  const q = useDebouncedValue(query.trim());
  const tests = useQuery((signal) => api.materials({ kind: 'test', q, ...(lesson ? { language: lesson.language } : {}) }, undefined, signal), [q, lesson?.language]);
  const [materialId, setMaterialId] = useState('');
  const [title, setTitle] = useState('');
  const [draft, setDraft] = useState<TestDraft>(() => testKind.empty());
  const [withFiles, setWithFiles] = useState(false);
  const [filePrompt, setFilePrompt] = useState('');
  const [filePoints, setFilePoints] = useState('2');

  const { fieldErrors, formError, pending, submit } = useSubmit();
  const [assigned, setAssigned] = useState<Homework | null>(null);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!lesson) return;
    const upload = withFiles ? [{ type: 'file_upload', id: 'files', prompt: filePrompt, points: Number(filePoints) } as const] : [];
    const content = testKind.toContent(draft) as { instructions?: string; items: HomeworkItem[] };
    const input =
      source === 'library'
        ? { materialId: materialId || undefined, ...(upload.length > 0 ? { items: upload } : {}) }
        : { title: title.trim() || undefined, ...(content.instructions ? { instructions: content.instructions } : {}), items: [...content.items, ...upload] };
    const students = lesson.students.length > 1 ? { studentIds: chosenStudents } : {};
    void submit(AssignHomeworkBody, { ...input, ...students }, async (body) => setAssigned(await homeworkApi.assign(lesson.id, body)));
  }

  if (assigned) return <Assigned homework={assigned} onAnother={() => setAssigned(null)} />;

  const lessonLabel = (option: Lesson) =>
    `${format.dateTime(option.startsAt)} · ${option.title ?? t(`kind.${option.kind}`)} · ${option.students.map((student) => student.name).join(', ')}`;

  return (
    <Page title={t('homework.assign')} testId="homework-assign-page">
      {lessons.error && <LoadError error={lessons.error} onRetry={lessons.reload} />}
      {lessons.data && offered.length === 0 && <p className="empty">{t('homework.noRecentLessons')}</p>}
      {lesson && (
        <form className="card form" noValidate onSubmit={onSubmit}>
          <SelectField
            label={t('homework.lesson')}
            value={lesson.id}
            onChange={(event) => {
              setLessonId(event.target.value);
              setStudentIds(null);
            }}
            data-testid="homework-lesson"
          >
            {offered.map((option) => (
              <option key={option.id} value={option.id}>
                {lessonLabel(option)}
              </option>
            ))}
          </SelectField>
          {lesson.students.length > 1 && (
            <CheckboxGroup
              legend={t('homework.forStudents')}
              options={lesson.students.map((student) => ({ value: student.id, label: student.name }))}
              value={chosenStudents}
              onChange={setStudentIds}
            />
          )}
          {fieldErrors.studentIds && <p className="field-error">{fieldErrors.studentIds}</p>}
          <p className="muted">{t('homework.dueRule')}</p>

          <RadioGroup
            legend={t('homework.source')}
            value={source}
            onChange={setSource}
            options={[
              { value: 'library', label: t('homework.fromLibrary') },
              { value: 'spot', label: t('homework.onTheSpot') },
            ]}
          />
          {source === 'library' ? (
            <fieldset className="field homework-picker">
              <legend>{t('homework.pickTest')}</legend>
              <SearchField label={t('materials.search')} value={query} onChange={setQuery} data-testid="homework-test-search" />
              {tests.error && <LoadError error={tests.error} onRetry={tests.reload} />}
              {tests.data?.items.length === 0 && <p className="empty">{t('homework.noTests')}</p>}
              <ul className="picker-list">
                {tests.data?.items.map((material) => (
                  <li key={material.id} className="picker-item">
                    <label className="checkbox">
                      <input type="radio" name="homework-material" checked={materialId === material.id} onChange={() => setMaterialId(material.id)} data-testid="homework-test-option" />
                      <span>{material.title}</span>
                    </label>
                  </li>
                ))}
              </ul>
              {(fieldErrors.materialId ?? fieldErrors.items) && <p className="field-error">{fieldErrors.materialId ?? fieldErrors.items}</p>}
            </fieldset>
          ) : (
            <>
              <TextField label={t('homework.titleColumn')} value={title} onChange={(event) => setTitle(event.target.value)} error={fieldErrors.title} data-testid="homework-title" />
              <testKind.Editor draft={draft} onChange={setDraft} errors={fieldErrors} />
            </>
          )}

          <Checkbox label={t('homework.askForFiles')} checked={withFiles} onChange={(event) => setWithFiles(event.target.checked)} data-testid="homework-with-files" />
          {withFiles && (
            <div className="field-grid">
              <TextField label={t('homework.filesPrompt')} value={filePrompt} onChange={(event) => setFilePrompt(event.target.value)} data-testid="homework-files-prompt" />
              <TextField label={t('attempts.points')} type="number" min={1} max={100} value={filePoints} onChange={(event) => setFilePoints(event.target.value)} />
            </div>
          )}
          <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('homework.assignSubmit')} submitTestId="homework-assign-submit" />
        </form>
      )}
    </Page>
  );
}

/** What was set: each student's deadline. */
function Assigned({ homework, onAnother }: { homework: Homework; onAnother: () => void }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  return (
    <Page title={t('homework.assigned')} testId="homework-assigned">
      <section className="card">
        <h2>{homework.title}</h2>
        <DataTable
          rows={homework.submissions}
          columns={[t('homework.student'), t('homework.due')]}
          row={(line) => (
            <tr key={line.id}>
              <td>
                <Link to={submissionPath(line.id)}>{line.student.name}</Link>
              </td>
              <td data-testid="homework-assigned-due">{format.dateTime(line.dueAt)}</td>
            </tr>
          )}
        />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={onAnother}>
            {t('homework.assignAnother')}
          </button>
          <Link className="btn btn-primary" to={sections.homework}>
            {t('homework.back')}
          </Link>
        </div>
      </section>
    </Page>
  );
}

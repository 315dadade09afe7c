import { useEffect, useState, type SubmitEvent } from 'react';
import {
  MarkHomeworkBody,
  SubmitHomeworkBody,
  type FileUploadItem,
  type HomeworkFile,
  type HomeworkSubmission,
  type PublicHomeworkItem,
  type PublicTestItem,
  type TestAnswers,
} from '@panda/shared';
import { Link, useParams } from 'react-router';
import { asApiError } from '../../api/client';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { TextAreaField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { ItemMarkCells } from '../../components/ItemMarkCells';
import { Page } from '../../components/Page';
import { describeAnswer, TestPlayer } from '../../components/TestPlayer';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { replaceAt } from '../../lib/lists';
import { sections } from '../../navigation';
import { ScoreText, StandingBadge } from './HomeworkPage';
import { homeworkApi, uploadHomeworkFile } from './homeworkApi';
import { studentHomeworkPath } from './paths';
import './homework.css';

const isUpload = (item: PublicHomeworkItem): item is FileUploadItem => item.type === 'file_upload';
const testItemsOf = (items: readonly PublicHomeworkItem[]) => items.filter((item): item is PublicTestItem => !isUpload(item));

/** One student's homework: the student does it or reads the result; the teacher marks it. */
export function SubmissionPage() {
  const t = useT();
  const { id = '' } = useParams();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const loaded = useQuery((signal) => homeworkApi.submission(id, signal), [id]);
  // What the last action answered replaces what was loaded.
  const [latest, setLatest] = useState<HomeworkSubmission | null>(null);
  const submission = latest?.id === id ? latest : loaded.data;
  const teaching = submission !== undefined && submission.student.id !== user.id;

  return (
    <Page
      title={submission?.title ?? t('nav.homework')}
      testId="homework-submission-page"
      actions={
        <Link className="btn btn-secondary" to={teaching && submission ? studentHomeworkPath(submission.student.id) : sections.homework}>
          {t('homework.back')}
        </Link>
      }
    >
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      {submission && (
        <>
          <section className="card homework-head">
            <dl className="facts">
              <div>
                <dt>{teaching ? t('homework.student') : t('homework.teacher')}</dt>
                <dd>{teaching ? submission.student.name : submission.teacher.name}</dd>
              </div>
              <div>
                <dt>{t('homework.due')}</dt>
                <dd>{format.dateTime(submission.dueAt)}</dd>
              </div>
              <div>
                <dt>{t('homework.standing')}</dt>
                <dd>
                  <StandingBadge line={submission} />
                </dd>
              </div>
              <div>
                <dt>{t('homework.score')}</dt>
                <dd data-testid="homework-total">
                  <ScoreText line={submission} />
                </dd>
              </div>
            </dl>
            {submission.instructions && <p className="homework-instructions">{submission.instructions}</p>}
          </section>
          {teaching ? <MarkingView submission={submission} onSaved={setLatest} /> : <StudentView submission={submission} onSubmitted={setLatest} />}
        </>
      )}
    </Page>
  );
}

function StudentView({ submission, onSubmitted }: { submission: HomeworkSubmission; onSubmitted: (next: HomeworkSubmission) => void }) {
  const t = useT();
  const [answers, setAnswers] = useState<TestAnswers>({});
  const [files, setFiles] = useState<HomeworkFile[]>(submission.files);
  const { formError, fieldErrors, pending, submit } = useSubmit();
  const open = submission.submittedAt === null && (submission.state === 'open' || submission.state === 'tail');
  const testItems = testItemsOf(submission.items);
  const uploads = submission.items.filter(isUpload);

  if (submission.submittedAt === null && !open) {
    return <Alert tone="error">{t('homework.closedText')}</Alert>;
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(SubmitHomeworkBody, { answers }, async (body) => onSubmitted(await homeworkApi.submit(submission.id, body)));
  }

  if (!open) {
    const shown = submission.answers ?? {};
    return (
      <>
        <section className="card" aria-labelledby="homework-answers">
          <h2 id="homework-answers">{t('homework.yourAnswers')}</h2>
          {submission.state === 'done_late' && <p className="muted">{t('homework.doneLateText')}</p>}
          <fieldset disabled className="homework-readonly">
            <TestPlayer items={testItems} answers={shown} onChange={() => {}} result={submission.result ?? undefined} />
          </fieldset>
          {uploads.map((item) => (
            <UploadAnswer key={item.id} submission={submission} item={item} files={submission.files} answer={shown[item.id]} />
          ))}
        </section>
        <TeacherComment submission={submission} />
      </>
    );
  }

  return (
    <form className="card form" noValidate onSubmit={onSubmit} aria-labelledby="homework-do">
      <h2 id="homework-do">{t('homework.doIt')}</h2>
      {submission.state === 'tail' && <Alert tone="info">{t('homework.tailText', { days: submission.daysLeft ?? 0 })}</Alert>}
      <TestPlayer items={testItems} answers={answers} onChange={setAnswers} />
      {uploads.map((item) => (
        <UploadTask
          key={item.id}
          submissionId={submission.id}
          item={item}
          files={files}
          chosen={(answers[item.id] as string[] | undefined) ?? []}
          error={fieldErrors[`answers.${item.id}`]}
          onUploaded={(file) => {
            setFiles((current) => [...current, file]);
            setAnswers((current) => ({ ...current, [item.id]: [...((current[item.id] as string[] | undefined) ?? []), file.id] }));
          }}
          onRemove={(fileId) => setAnswers((current) => ({ ...current, [item.id]: ((current[item.id] as string[] | undefined) ?? []).filter((other) => other !== fileId) }))}
        />
      ))}
      <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('homework.handIn')} submitTestId="homework-submit" />
    </form>
  );
}

interface UploadTaskProps {
  submissionId: string;
  item: FileUploadItem;
  files: HomeworkFile[];
  chosen: string[];
  error: string | undefined;
  onUploaded: (file: HomeworkFile) => void;
  onRemove: (fileId: string) => void;
}

/** A file-upload item: choose files (each uploaded at once), see them listed, take one back. */
function UploadTask({ submissionId, item, files, chosen, error, onUploaded, onRemove }: UploadTaskProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const full = chosen.length >= item.maxFiles;
  return (
    <fieldset className="homework-upload" data-testid="homework-upload">
      <legend>
        {item.prompt} <span className="muted">({t('test.pointsN', { points: item.points })})</span>
      </legend>
      <ul className="homework-files">
        {chosen.map((fileId) => {
          const file = files.find((candidate) => candidate.id === fileId);
          return (
            <li key={fileId}>
              {file?.name ?? fileId}{' '}
              <button type="button" className="btn btn-small btn-secondary" onClick={() => onRemove(fileId)}>
                {t('homework.removeFile')}
              </button>
            </li>
          );
        })}
      </ul>
      {!full && (
        <label className="field">
          <span className="field-label">{t('homework.chooseFile', { max: item.maxFiles })}</span>
          <input
            type="file"
            accept="image/*,audio/*,video/mp4,video/webm,application/pdf"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              setBusy(true);
              setUploadError(null);
              uploadHomeworkFile(submissionId, file)
                .then((uploaded) => onUploaded({ id: uploaded.id, name: uploaded.name, mimeType: uploaded.mimeType, size: uploaded.size }))
                .catch((failure: unknown) => setUploadError(t(`error.${asApiError(failure).code}`)))
                .finally(() => setBusy(false));
            }}
          />
        </label>
      )}
      {(uploadError ?? error) && <p className="field-error">{uploadError ?? error}</p>}
    </fieldset>
  );
}

/** A file of the homework, opened through a signed link. */
function HomeworkFileLink({ submissionId, file }: { submissionId: string; file: HomeworkFile }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    homeworkApi.fileLink(submissionId, file.id).then(
      (link) => live && setUrl(link.url),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [submissionId, file.id]);
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" data-testid="homework-file">
      {file.name}
    </a>
  ) : (
    <span>{file.name}</span>
  );
}

function UploadAnswer({ submission, item, files, answer }: { submission: HomeworkSubmission; item: FileUploadItem; files: HomeworkFile[]; answer: unknown }) {
  const t = useT();
  const result = submission.result?.items.find((scored) => scored.itemId === item.id);
  const ids = Array.isArray(answer) ? answer.filter((value): value is string => typeof value === 'string') : [];
  return (
    <div className="homework-upload" data-status={result?.status}>
      <p>
        <strong>{item.prompt}</strong>
      </p>
      <ul className="homework-files">
        {ids.map((fileId) => {
          const file = files.find((candidate) => candidate.id === fileId);
          return <li key={fileId}>{file ? <HomeworkFileLink submissionId={submission.id} file={file} /> : fileId}</li>;
        })}
      </ul>
      {result && (
        <p className={`player-feedback player-feedback-${result.status}`} data-testid="test-item-feedback">
          <strong>{t(`test.status.${result.status}`)}</strong> {t('test.scoreOf', { score: result.score, max: result.maxScore })}
        </p>
      )}
    </div>
  );
}

function TeacherComment({ submission }: { submission: HomeworkSubmission }) {
  const t = useT();
  if (!submission.comment) return null;
  return (
    <section className="card" aria-labelledby="homework-comment">
      <h2 id="homework-comment">{t('homework.teacherComment')}</h2>
      <p className="homework-comment" data-testid="homework-comment">
        {submission.comment}
      </p>
    </section>
  );
}

/** The teacher's view: each item's answer and status, points to set (free text and files wait for them), a comment. */
function MarkingView({ submission, onSaved }: { submission: HomeworkSubmission; onSaved: (next: HomeworkSubmission) => void }) {
  const t = useT();
  const results = submission.result?.items ?? [];
  const [scores, setScores] = useState(() => results.map((item) => String(item.score)));
  const [comment, setComment] = useState(submission.comment ?? '');
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const answers = submission.answers ?? {};
  const changed = results.flatMap((item, index) => (scores[index] !== String(item.score) ? [item.itemId] : []));
  const commentChanged = comment.trim() !== (submission.comment ?? '');

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const marks = results
      .map((item, index) => ({ itemId: item.itemId, score: Number(scores[index]) }))
      .filter((mark) => changed.includes(mark.itemId));
    const body = {
      ...(marks.length > 0 ? { marks } : {}),
      ...(commentChanged ? { comment: comment.trim() === '' ? null : comment } : {}),
    };
    void submit(MarkHomeworkBody, body, async (valid) => {
      const updated = await homeworkApi.mark(submission.id, valid);
      setScores((updated.result?.items ?? []).map((item) => String(item.score)));
      setComment(updated.comment ?? '');
      onSaved(updated);
    });
  }

  return (
    <form className="card form" noValidate onSubmit={onSubmit} aria-labelledby="homework-marking" data-testid="homework-marking">
      <h2 id="homework-marking">{t('homework.marking')}</h2>
      {submission.submittedAt === null && <p className="empty">{t('homework.notHandedIn')}</p>}
      {results.length > 0 && (
        <DataTable
          rows={results}
          columns={[t('attempts.item'), t('attempts.answer'), t('attempts.status'), t('attempts.points')]}
          row={(result, index) => {
            const item = submission.items.find((candidate) => candidate.id === result.itemId);
            const answer = answers[result.itemId];
            const error = fieldErrors[`marks.${changed.indexOf(result.itemId)}.score`];
            const expected = item && !isUpload(item) && result.status !== 'correct' ? describeAnswer(item, result.correct) : '';
            return (
              <tr key={result.itemId} data-status={result.status} data-testid="homework-mark-row">
                <td>{item?.prompt ?? t('test.itemN', { number: index + 1 })}</td>
                <td className="attempt-answer">
                  {item && isUpload(item) ? (
                    <ul className="homework-files">
                      {(Array.isArray(answer) ? answer : []).map((fileId) => {
                        const file = submission.files.find((candidate) => candidate.id === fileId);
                        return <li key={String(fileId)}>{file ? <HomeworkFileLink submissionId={submission.id} file={file} /> : fileId}</li>;
                      })}
                    </ul>
                  ) : (
                    (item ? describeAnswer(item, answer) : typeof answer === 'string' && answer) || '—'
                  )}
                  {expected && <p className="muted">{t('test.expected', { answer: expected })}</p>}
                </td>
                <ItemMarkCells
                  result={result}
                  number={index + 1}
                  points={scores[index] ?? ''}
                  error={error}
                  onPoints={(points) => setScores(replaceAt(scores, index, points))}
                  testId="homework-mark-points"
                />
              </tr>
            );
          }}
        />
      )}
      <TextAreaField
        label={t('homework.comment')}
        rows={3}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={fieldErrors.comment}
        data-testid="homework-comment-input"
      />
      <FormFooter
        layout="actions"
        error={formError}
        pending={pending}
        canSubmit={changed.length > 0 || commentChanged}
        submitLabel={t('homework.saveMarks')}
        submitTestId="homework-mark-save"
      />
    </form>
  );
}

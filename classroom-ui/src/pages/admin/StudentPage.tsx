import { useState, type SubmitEvent } from 'react';
import { CreditAdjustmentBody, type Enrollment } from '@panda/shared';
import { useParams } from 'react-router';
import { ReassignDialog } from '../students/ReassignDialog';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { DataTable, ListTable } from '../../components/DataTable';
import { TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { LoadingScreen } from '../../components/LoadingScreen';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';

/** A person in the back office; for a student also their languages and teachers, and their credits. */
export function StudentPage() {
  const t = useT();
  const { id = '' } = useParams();
  const user = useQuery((signal) => api.user(id, signal), [id]);

  if (user.error) return <LoadError error={user.error} onRetry={user.reload} />;
  if (!user.data) return <LoadingScreen />;
  return (
    <Page title={user.data.name}>
      <p className="muted">
        {user.data.email} · {t(`role.${user.data.role}`)}
      </p>
      {user.data.role === 'student' && (
        <>
          <Enrollments studentId={id} />
          <Credits studentId={id} />
        </>
      )}
    </Page>
  );
}

function Enrollments({ studentId }: { studentId: string }) {
  const t = useT();
  const enrollments = useQuery((signal) => api.enrollments({ studentId, limit: 10, offset: 0 }, signal), [studentId]);
  const teachers = useQuery((signal) => api.teachers(signal), []);
  const [reassigning, setReassigning] = useState<Enrollment | null>(null);

  return (
    <section>
      <h2>{t('student.enrollments')}</h2>
      <ListTable
        list={enrollments}
        empty={t('student.noEnrollments')}
        columns={[t('placement.language'), t('placement.level'), t('placement.goal'), t('placement.teacher')]}
        actions
        row={(enrollment) => (
          <tr key={enrollment.id}>
            <td>{t(`language.${enrollment.language}`)}</td>
            <td>{enrollment.level ?? '—'}</td>
            <td>{enrollment.goal ?? '—'}</td>
            <td>{enrollment.teacher?.name ?? '—'}</td>
            <td>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setReassigning(enrollment)}>
                {t('student.reassign')}
              </button>
            </td>
          </tr>
        )}
      />
      {reassigning && teachers.data && (
        <ReassignDialog
          enrollment={reassigning}
          teachers={teachers.data}
          onClose={() => setReassigning(null)}
          onSaved={() => {
            setReassigning(null);
            enrollments.reload();
          }}
        />
      )}
    </section>
  );
}

function Credits({ studentId }: { studentId: string }) {
  const t = useT();
  const format = useDateFormat();
  const ledger = useQuery((signal) => api.studentLedger(studentId, signal), [studentId]);

  return (
    <section>
      <h2>{t('student.credits')}</h2>
      {ledger.error && <LoadError error={ledger.error} onRetry={ledger.reload} />}
      {ledger.data && (
        <>
          <p className="credits-balance">{t('student.balance', { available: ledger.data.balance.balance, held: ledger.data.balance.held })}</p>
          <AdjustmentForm studentId={studentId} onAdjusted={ledger.reload} />
          <DataTable
            rows={ledger.data.items}
            empty={t('student.noEntries')}
            columns={[t('audit.at'), t('student.entryKind'), t('student.delta'), t('audit.reason')]}
            row={(entry) => (
              <tr key={entry.id}>
                <td>{format.dateTime(entry.createdAt)}</td>
                <td>{t(`student.kind.${entry.kind}`)}</td>
                <td>{entry.delta > 0 ? `+${entry.delta}` : entry.delta}</td>
                <td>{entry.reason ?? '—'}</td>
              </tr>
            )}
          />
        </>
      )}
    </section>
  );
}

/** A manual correction; the reason is required and kept in the ledger and the audit log. */
function AdjustmentForm({ studentId, onAdjusted }: { studentId: string; onAdjusted: () => void }) {
  const t = useT();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  // One key per intended adjustment: a retry after a lost answer is not counted twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    void submit(CreditAdjustmentBody, { delta: delta === '' ? undefined : Number(delta), reason, idempotencyKey }, async (body) => {
      await api.adjustCredits(studentId, body);
      setDelta('');
      setReason('');
      setIdempotencyKey(crypto.randomUUID());
      setDone(true);
      onAdjusted();
    });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit}>
      <h3>{t('student.adjust')}</h3>
      <div className="field-grid">
        <TextField type="number" step={1} label={t('student.delta')} hint={t('student.deltaHint')} value={delta} onChange={(event) => setDelta(event.target.value)} error={fieldErrors.delta} />
        <TextField label={t('audit.reason')} value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
      </div>
      <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('student.adjustSubmit')}>
        {done && <Alert tone="success">{t('student.adjusted')}</Alert>}
      </FormFooter>
    </form>
  );
}

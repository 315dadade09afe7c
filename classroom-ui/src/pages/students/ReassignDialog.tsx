import { useState, type SubmitEvent } from 'react';
import { ReassignTeacherBody, type Enrollment, type TeacherList } from '@panda/shared';
import { api } from '../../api/endpoints';
import { SelectField, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';

interface ReassignDialogProps {
  enrollment: Pick<Enrollment, 'id' | 'language' | 'teacher'>;
  teachers: TeacherList;
  onSaved: () => void;
  onClose: () => void;
}

/** A methodist or an admin gives a student another teacher for a language; the reason goes to the audit log. */
export function ReassignDialog({ enrollment, teachers, onSaved, onClose }: ReassignDialogProps) {
  const t = useT();
  const [teacherId, setTeacherId] = useState('');
  const [reason, setReason] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const candidates = teachers.items.filter((teacher) => teacher.teaches.includes(enrollment.language) && teacher.id !== enrollment.teacher?.id);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(ReassignTeacherBody, { teacherId, reason }, async (body) => {
      await api.reassignTeacher(enrollment.id, body);
      onSaved();
    });
  }

  return (
    <Modal title={t('student.reassignTitle', { language: t(`language.${enrollment.language}`) })} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="muted">{t('student.currentTeacher', { name: enrollment.teacher?.name ?? '—' })}</p>
        <SelectField label={t('placement.teacher')} value={teacherId} onChange={(event) => setTeacherId(event.target.value)} error={fieldErrors.teacherId}>
          <option value="">—</option>
          {candidates.map((teacher) => (
            <option key={teacher.id} value={teacher.id}>
              {teacher.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('audit.reason')} value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
        <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('student.reassign')} onCancel={onClose} />
      </form>
    </Modal>
  );
}

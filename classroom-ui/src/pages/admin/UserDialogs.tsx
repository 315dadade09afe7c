import { useState, type SubmitEvent } from 'react';
import { CreateUserBody, isOneOf, Language, type Locale, Role, STAFF, TEACHING, UpdateUserBody, type User } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { EmailField, LocaleSelect, NameField } from '../../components/accountFields';
import { Checkbox, CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useSubmit } from '../../hooks/useSubmit';
import { useLocale, useT } from '../../i18n';

/** Only teachers and methodists teach languages. */
const teaches = (role: Role): boolean => isOneOf(TEACHING, role);

function LanguagesField({ value, onChange }: { value: Language[]; onChange: (value: Language[]) => void }) {
  const t = useT();
  const options = Language.options.map((language) => ({ value: language, label: t(`language.${language}`) }));
  return <CheckboxGroup legend={t('field.teaches')} options={options} value={value} onChange={onChange} />;
}

function RoleSelect({ roles, ...select }: { roles: readonly Role[] } & Omit<Parameters<typeof SelectField>[0], 'children'>) {
  const t = useT();
  return (
    <SelectField {...select}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </SelectField>
  );
}

export function CreateUserDialog({ onCreated, onClose }: { onCreated: (user: User) => void; onClose: () => void }) {
  const t = useT();
  const admin = useUser();
  const { locale: currentLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('teacher');
  const [languages, setLanguages] = useState<Language[]>([]);
  const [timeZone, setTimeZone] = useState(admin.timeZone);
  const [locale, setLocale] = useState<Locale>(currentLocale);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { email, name, role, timeZone, locale, teaches: teaches(role) ? languages : [] };
    void submit(CreateUserBody, input, async (body) => onCreated(await api.createUser(body)));
  }

  return (
    <Modal title={t('users.createTitle')} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="muted">{t('users.createLead')}</p>
        {/* Someone else's address and name: not marked for autofill as the admin's own. */}
        <EmailField autoComplete={undefined} value={email} onChange={setEmail} error={fieldErrors.email} />
        <NameField autoComplete={undefined} value={name} onChange={setName} error={fieldErrors.name} />
        <RoleSelect
          label={t('field.role')}
          roles={STAFF}
          value={role}
          onChange={(event) => setRole(Role.parse(event.target.value))}
          error={fieldErrors.role}
        />
        {teaches(role) && <LanguagesField value={languages} onChange={setLanguages} />}
        <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={fieldErrors.timeZone} />
        <LocaleSelect value={locale} onChange={setLocale} error={fieldErrors.locale} />
        <FormFooter
          layout="actions"
          error={formError}
          pending={pending}
          submitLabel={t('users.create')}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

interface EditUserDialogProps {
  user: User;
  onSaved: (user: User) => void;
  onClose: () => void;
}

export function EditUserDialog({ user, onSaved, onClose }: EditUserDialogProps) {
  const t = useT();
  // Admins can't lock themselves out: their own role and access stay as they are.
  const self = useUser().id === user.id;
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  const [languages, setLanguages] = useState(user.teaches);
  const [reason, setReason] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();

  const nextTeaches = teaches(role) ? languages : [];
  const changes: UpdateUserBody = {
    ...(name !== user.name && { name }),
    ...(role !== user.role && { role }),
    ...(disabled !== user.disabled && { disabled }),
    ...(nextTeaches.join() !== user.teaches.join() && { teaches: nextTeaches }),
  };
  const dirty = Object.keys(changes).length > 0;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // The reason goes into the audit log with the change.
    void submit(UpdateUserBody, { ...changes, ...(reason && { reason }) }, async (body) => onSaved(await api.updateUser(user.id, body)));
  }

  return (
    <Modal title={t('users.editTitle', { name: user.name })} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="muted">{user.email}</p>
        <NameField autoComplete={undefined} value={name} onChange={setName} error={fieldErrors.name} />
        <RoleSelect
          label={t('field.role')}
          roles={Role.options}
          value={role}
          disabled={self}
          hint={self ? t('users.selfHint') : undefined}
          onChange={(event) => setRole(Role.parse(event.target.value))}
          error={fieldErrors.role}
        />
        {teaches(role) && <LanguagesField value={languages} onChange={setLanguages} />}
        <Checkbox
          label={t('users.disabled')}
          checked={disabled}
          disabled={self}
          onChange={(event) => setDisabled(event.target.checked)}
          error={fieldErrors.disabled}
        />
        <TextField label={t('users.reason')} hint={t('users.reasonHint')} value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
        <FormFooter
          layout="actions"
          error={formError}
          pending={pending}
          canSubmit={dirty}
          submitLabel={t('common.save')}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

import { useState, type SubmitEvent } from 'react';
import { VisitorPlacementBody } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useSession } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { NameField } from '../../components/accountFields';
import { LanguageSelect } from '../../components/catalogFields';
import { Checkbox, TextAreaField, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSubmit } from '../../hooks/useSubmit';
import { useLocale, useT } from '../../i18n';
import { StudentPlacementForm } from './StudentPlacementForm';

/**
 * The free placement lesson, asked for from the public page: a visitor leaves a name and a contact;
 * a signed-in student only picks the language.
 */
export function PlacementRequestPage() {
  const t = useT();
  const { state } = useSession();
  const [sent, setSent] = useState(false);
  useDocumentTitle(t('placementAsk.title'));
  const student = state.status === 'authenticated' && state.user.role === 'student';

  return (
    <>
      <h1>{t('placementAsk.title')}</h1>
      <p className="muted">{t('placementAsk.lead')}</p>
      {sent ? (
        <div data-testid="placement-ask-sent">
          <Alert tone="success">{t(student ? 'placementAsk.sentStudent' : 'placementAsk.sent')}</Alert>
        </div>
      ) : student ? (
        <StudentPlacementForm layout="block" onSent={() => setSent(true)} />
      ) : (
        <VisitorForm onSent={() => setSent(true)} />
      )}
      <p className="auth-links">
        <Link to={state.status === 'authenticated' ? '/dashboard' : '/login'}>{t(state.status === 'authenticated' ? 'placementAsk.back' : 'placementAsk.signIn')}</Link>
      </p>
    </>
  );
}

function VisitorForm({ onSent }: { onSent: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [language, setLanguage] = useState('en');
  const [comment, setComment] = useState('');
  const [consent, setConsent] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const input = { name, contact, language, comment: comment || undefined, consent: consent || undefined, locale, timeZone };
    void submit(VisitorPlacementBody, input, async (body) => {
      await api.askForPlacement(body);
      onSent();
    });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <NameField value={name} onChange={setName} error={fieldErrors.name} data-testid="placement-ask-name" />
      <TextField
        label={t('placementAsk.contact')}
        hint={t('placementAsk.contactHint')}
        value={contact}
        autoComplete="email"
        data-testid="placement-ask-contact"
        onChange={(event) => setContact(event.target.value)}
        error={fieldErrors.contact}
      />
      <LanguageSelect label={t('placementAsk.language')} value={language} onChange={setLanguage} error={fieldErrors.language} data-testid="placement-ask-language" />
      <TextAreaField label={t('placementAsk.comment')} value={comment} rows={3} onChange={(event) => setComment(event.target.value)} error={fieldErrors.comment} data-testid="placement-ask-comment" />
      <Checkbox label={t('placementAsk.consent')} checked={consent} onChange={(event) => setConsent(event.target.checked)} error={fieldErrors.consent} data-testid="placement-ask-consent" />
      <FormFooter layout="block" error={formError} pending={pending} submitLabel={t('placementAsk.submit')} submitTestId="placement-ask-submit" />
    </form>
  );
}

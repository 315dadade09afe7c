import { useState, type SubmitEvent } from 'react';
import { Language, StudentPlacementBody } from '@panda/shared';
import { api } from '../../api/endpoints';
import { LanguageSelect } from '../../components/catalogFields';
import { TextAreaField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';

interface StudentPlacementFormProps {
  /** The languages offered: every one the school teaches unless given. */
  languages?: readonly Language[];
  /** `block` on the public page, `actions` in a card of the cabinet. */
  layout: 'block' | 'actions';
  onSent: () => void;
}

/**
 * A signed-in student asks for the free placement lesson: the language and a comment. The API asks
 * them no consent: they gave it with the user agreement at sign-up.
 */
export function StudentPlacementForm({ languages = Language.options, layout, onSent }: StudentPlacementFormProps) {
  const t = useT();
  const [language, setLanguage] = useState<string>(languages[0] ?? '');
  const [comment, setComment] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(StudentPlacementBody, { language, comment: comment || undefined }, async (body) => {
      await api.askForMyPlacement(body);
      onSent();
    });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <LanguageSelect
        label={t('placementAsk.language')}
        languages={languages}
        value={language}
        onChange={setLanguage}
        error={fieldErrors.language}
        data-testid="placement-ask-language"
      />
      <TextAreaField
        label={t('placementAsk.comment')}
        value={comment}
        rows={3}
        onChange={(event) => setComment(event.target.value)}
        error={fieldErrors.comment}
        data-testid="placement-ask-comment"
      />
      <FormFooter layout={layout} error={formError} pending={pending} submitLabel={t('placementAsk.submit')} submitTestId="placement-ask-submit" />
    </form>
  );
}

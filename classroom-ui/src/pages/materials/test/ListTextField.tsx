import { useState } from 'react';
import { TextAreaField, TextField } from '../../../components/fields';

interface ListTextFieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** `/` in one line ("I / have been / there"), or one value per line. */
  separator: '/' | '\n';
  testId?: string;
}

const split = (text: string, separator: string) =>
  text
    .split(separator)
    .map((value) => value.trim())
    .filter((value) => value !== '');

const join = (values: readonly string[], separator: '/' | '\n') => values.join(separator === '/' ? ' / ' : '\n');

/**
 * A list of short values typed as text (accepted answers, the pieces of a sentence). The text is
 * kept as typed, spaces and an unfinished last line included; the list gets the clean values.
 */
export function ListTextField({ label, hint, error, values, onChange, separator, testId }: ListTextFieldProps) {
  const [text, setText] = useState(() => join(values, separator));
  // Values changed elsewhere replace the text; otherwise it stays exactly as typed.
  const shown = split(text, separator).join('\n') === values.join('\n') ? text : join(values, separator);
  const props = {
    label,
    hint,
    error,
    value: shown,
    'data-testid': testId,
    onChange: (event: { target: { value: string } }) => {
      setText(event.target.value);
      onChange(split(event.target.value, separator));
    },
  };
  return separator === '/' ? <TextField {...props} /> : <TextAreaField rows={Math.max(2, values.length + 1)} {...props} />;
}

import { useCallback, useState } from 'react';
import { asApiError } from '../api/client';
import { useT, type MessageKey, type Translate } from '../i18n';

/** Error text per field name (`email`, `code`, …). */
export type FieldErrors = Partial<Record<string, string>>;

/** The parts of a zod issue we translate; zod's own issues fit this shape. */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly format?: string;
  /** What was measured: `string`, `array`, `number`… */
  readonly origin?: string;
}

/** Any shared zod schema. */
export interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** Fields whose rule reads better as one specific message than as a generic one. */
const fieldMessages: Partial<Record<string, MessageKey>> = {
  code: 'validation.code',
  timeZone: 'validation.timeZone',
};

function issueMessage(issue: Issue, t: Translate): string {
  const special = fieldMessages[String(issue.path[0])];
  if (special) return t(special);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'number') return t('validation.atLeast', { min });
      if (issue.origin === 'array') return t('validation.tooFew', { min });
      return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'number') return t('validation.atMost', { max });
      if (issue.origin === 'array') return t('validation.tooMany', { max });
      return t('validation.tooLong', { max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

function firstPerField(entries: [string, string][]): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of entries) errors[field] ??= message;
  return errors;
}

/** Checks input with a shared schema: its data, or a translated error per field. */
export function validate<T>(
  schema: Schema<T>,
  input: unknown,
  t: Translate,
): { success: true; data: T } | { success: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed;
  const issues = parsed.error.issues;
  return { success: false, errors: firstPerField(issues.map((issue) => [issue.path.map(String).join('.'), issueMessage(issue, t)])) };
}

/** The first error at `path` or anywhere below it: a list's error shown once, next to the list. */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
}

/** The errors under one part of a form, named relative to it: `content.items.0.prompt` → `items.0.prompt`. */
export function scopeErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const scoped: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) scoped[''] = message;
    else if (path.startsWith(`${prefix}.`)) scoped[path.slice(prefix.length + 1)] = message;
  }
  return scoped;
}

/**
 * One form submission: validates with a shared schema, sends, and turns failures into field errors
 * (next to the fields) and a translated form-level message (per stable error code).
 * `send` may catch the errors it handles itself (e.g. a redirect) and rethrow the rest.
 */
export function useSubmit() {
  const t = useT();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = useCallback(
    async <T>(schema: Schema<T>, input: unknown, send: (body: T) => Promise<void>, extraErrors: FieldErrors = {}) => {
      const parsed = validate(schema, input, t);
      const clientErrors = { ...(parsed.success ? {} : parsed.errors), ...extraErrors };
      setFieldErrors(clientErrors);
      setFormError(null);
      if (!parsed.success || Object.keys(clientErrors).length > 0) return;

      setPending(true);
      try {
        await send(parsed.data);
      } catch (error) {
        const apiError = asApiError(error);
        // The server reports `body.email`; the form knows the field as `email`.
        setFieldErrors(firstPerField(apiError.fieldErrors.map((e) => [e.path.replace(/^body\./, ''), e.message])));
        setFormError(t(`error.${apiError.code}`));
      } finally {
        setPending(false);
      }
    },
    [t],
  );

  return { fieldErrors, formError, pending, submit };
}

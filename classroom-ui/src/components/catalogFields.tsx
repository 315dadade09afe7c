import type { ComponentProps } from 'react';
import { isLevelOf, Language, LEVELS, MaterialKind } from '@panda/shared';
import type { FieldErrors } from '../hooks/useSubmit';
import { useT } from '../i18n';
import { SelectField, TextField, type ValueFieldProps } from './fields';

/**
 * Where a material or a plan sits in the school's courses (language, level, course, topic, lesson
 * number), as filters and as form fields. Values are strings; '' is "any" in a filter, "none" in a form.
 */
type CatalogSelectProps = ValueFieldProps<Omit<ComponentProps<typeof SelectField>, 'children'>, string> & {
  /** The first option, e.g. "Any language" in a filter or "—" in a form; none when a value is required. */
  emptyLabel?: string;
};

export function LanguageSelect({
  label,
  emptyLabel,
  languages = Language.options,
  onChange,
  ...select
}: CatalogSelectProps & { /** The languages offered: every one the school teaches unless given. */ languages?: readonly Language[] }) {
  const t = useT();
  return (
    <SelectField label={label ?? t('catalog.language')} {...select} onChange={(event) => onChange(event.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {languages.map((language) => (
        <option key={language} value={language}>
          {t(`language.${language}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** The levels of the chosen language (CEFR or HSK); of every language while none is chosen. */
export function LevelSelect({
  language,
  label,
  emptyLabel,
  onChange,
  ...select
}: CatalogSelectProps & { language: string }) {
  const t = useT();
  const languages = Language.options.filter((option) => !language || option === language);
  return (
    <SelectField label={label ?? t('catalog.level')} {...select} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel ?? '—'}</option>
      {languages.map((option) => (
        <optgroup key={option} label={t(`language.${option}`)}>
          {LEVELS[option].map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

export function KindSelect({ label, emptyLabel, onChange, ...select }: CatalogSelectProps) {
  const t = useT();
  return (
    <SelectField label={label ?? t('catalog.kind')} {...select} onChange={(event) => onChange(event.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {MaterialKind.options.map((kind) => (
        <option key={kind} value={kind}>
          {t(`materialKind.${kind}`)}
        </option>
      ))}
    </SelectField>
  );
}

export function LessonNumberField({
  label,
  onChange,
  ...input
}: ValueFieldProps<ComponentProps<typeof TextField>, string>) {
  const t = useT();
  return (
    <TextField
      label={label ?? t('catalog.lessonNumber')}
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      {...input}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A level still fits after the language changes, or is dropped. */
export function levelFor(language: string, level: string): string {
  const parsed = Language.safeParse(language);
  return parsed.success && level && !isLevelOf(parsed.data, level) ? '' : level;
}

/** The catalog fields of a form as typed. */
export interface CatalogDraft {
  language: string;
  level: string;
  course: string;
  topic: string;
  lessonNumber: string;
}

export function catalogDraftOf(record: {
  language: string;
  level: string | null;
  course: string | null;
  topic: string | null;
  lessonNumber: number | null;
}): CatalogDraft {
  return {
    language: record.language,
    level: record.level ?? '',
    course: record.course ?? '',
    topic: record.topic ?? '',
    lessonNumber: record.lessonNumber === null ? '' : String(record.lessonNumber),
  };
}

/** The draft as the shared schemas read it: blanks left out, the lesson number a number. */
export function catalogInput(draft: CatalogDraft) {
  const text = (value: string) => value.trim() || undefined;
  return {
    language: draft.language,
    level: draft.level || undefined,
    course: text(draft.course),
    topic: text(draft.topic),
    lessonNumber: draft.lessonNumber === '' ? undefined : Number(draft.lessonNumber),
  };
}

/** Language, level, course, topic and lesson number, for a material's or a plan's form. */
export function CatalogFieldset({
  value,
  onChange,
  errors,
}: {
  value: CatalogDraft;
  onChange: (value: CatalogDraft) => void;
  errors: FieldErrors;
}) {
  const t = useT();
  const set = (changes: Partial<CatalogDraft>) => onChange({ ...value, ...changes });
  return (
    <fieldset className="field-grid">
      <legend className="visually-hidden">{t('catalog.legend')}</legend>
      <LanguageSelect
        value={value.language}
        onChange={(language) => set({ language, level: levelFor(language, value.level) })}
        error={errors.language}
        data-testid="catalog-language"
      />
      <LevelSelect
        language={value.language}
        value={value.level}
        onChange={(level) => set({ level })}
        error={errors.level}
        data-testid="catalog-level"
      />
      <TextField
        label={t('catalog.course')}
        value={value.course}
        onChange={(event) => set({ course: event.target.value })}
        error={errors.course}
        data-testid="catalog-course"
      />
      <TextField
        label={t('catalog.topic')}
        value={value.topic}
        onChange={(event) => set({ topic: event.target.value })}
        error={errors.topic}
        data-testid="catalog-topic"
      />
      <LessonNumberField
        value={value.lessonNumber}
        onChange={(lessonNumber) => set({ lessonNumber })}
        error={errors.lessonNumber}
        data-testid="catalog-lesson-number"
      />
    </fieldset>
  );
}

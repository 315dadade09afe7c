import { MaterialQuery, type MaterialSummary } from '@panda/shared';
import { api } from '../../api/endpoints';
import { KindSelect, LanguageSelect, LessonNumberField, levelFor, LevelSelect } from '../../components/catalogFields';
import { Checkbox, TextField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { useFilteredList } from '../../hooks/useFilteredList';
import type { FieldErrors } from '../../hooks/useSubmit';
import { useT } from '../../i18n';

/** The library's filters, as the query parameters of `GET /api/materials`. */
export const materialFilterNames = [
  'q',
  'language',
  'level',
  'kind',
  'course',
  'topic',
  'lessonNumber',
  'mine',
  'archived',
] as const;
export type MaterialFilters = Record<(typeof materialFilterNames)[number], string>;

export const noMaterialFilters: MaterialFilters = Object.fromEntries(
  materialFilterNames.map((name) => [name, '']),
) as MaterialFilters;

/** The library searched with the filters once typing stops. */
export function useMaterialSearch(filters: MaterialFilters) {
  return useFilteredList<MaterialSummary, MaterialFilters>(MaterialQuery, filters, api.materials);
}

interface MaterialFilterBarProps {
  filters: MaterialFilters;
  onChange: (changes: Partial<MaterialFilters>) => void;
  errors: FieldErrors;
  /** The library page also looks into the archive; a picker for a plan doesn't. */
  withArchive?: boolean;
}

export function MaterialFilterBar({ filters, onChange, errors, withArchive = false }: MaterialFilterBarProps) {
  const t = useT();
  const flag = (name: 'mine' | 'archived') => ({
    checked: filters[name] === 'true',
    onChange: (event: { target: { checked: boolean } }) => onChange({ [name]: event.target.checked ? 'true' : '' }),
  });
  return (
    <FilterBar wide>
      <SearchField
        label={t('materials.search')}
        value={filters.q}
        onChange={(q) => onChange({ q })}
        error={errors.q}
        data-testid="material-filter-q"
      />
      <LanguageSelect
        emptyLabel={t('catalog.anyLanguage')}
        value={filters.language}
        onChange={(language) => onChange({ language, level: levelFor(language, filters.level) })}
        error={errors.language}
        data-testid="material-filter-language"
      />
      <LevelSelect
        language={filters.language}
        emptyLabel={t('catalog.anyLevel')}
        value={filters.level}
        onChange={(level) => onChange({ level })}
        error={errors.level}
        data-testid="material-filter-level"
      />
      <KindSelect
        emptyLabel={t('catalog.anyKind')}
        value={filters.kind}
        onChange={(kind) => onChange({ kind })}
        error={errors.kind}
        data-testid="material-filter-kind"
      />
      <TextField
        label={t('catalog.course')}
        value={filters.course}
        onChange={(event) => onChange({ course: event.target.value })}
        error={errors.course}
        data-testid="material-filter-course"
      />
      <TextField
        label={t('catalog.topic')}
        value={filters.topic}
        onChange={(event) => onChange({ topic: event.target.value })}
        error={errors.topic}
        data-testid="material-filter-topic"
      />
      <LessonNumberField
        value={filters.lessonNumber}
        onChange={(lessonNumber) => onChange({ lessonNumber })}
        error={errors.lessonNumber}
        data-testid="material-filter-lesson-number"
      />
      <div className="filter-flags">
        <Checkbox label={t('materials.mineOnly')} {...flag('mine')} data-testid="material-filter-mine" />
        {withArchive && <Checkbox label={t('materials.archivedOnly')} {...flag('archived')} />}
      </div>
    </FilterBar>
  );
}

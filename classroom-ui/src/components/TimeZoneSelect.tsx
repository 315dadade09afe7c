import type { ComponentProps } from 'react';
import { useT } from '../i18n';
import { timeZoneOptions } from '../lib/timeZones';
import { SelectField, type ValueFieldProps } from './fields';

type TimeZoneSelectProps = ValueFieldProps<Omit<ComponentProps<typeof SelectField>, 'children'>, string>;

export function TimeZoneSelect({ label, value, onChange, ...select }: TimeZoneSelectProps) {
  const t = useT();
  const options = timeZoneOptions();
  // A saved zone may be an alias this browser doesn't list (Europe/Kiev vs Europe/Kyiv): keep it selectable.
  const listed = options.some((option) => option.value === value);
  return (
    <SelectField
      label={label ?? t('field.timeZone')}
      {...select}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {!listed && <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

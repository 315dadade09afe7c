import type { ComponentProps } from 'react';
import { timeZoneOptions } from '../lib/timeZones';
import { SelectField } from './fields';

type TimeZoneSelectProps = Omit<ComponentProps<typeof SelectField>, 'children' | 'value'> & { value: string };

export function TimeZoneSelect({ value, ...select }: TimeZoneSelectProps) {
  const options = timeZoneOptions();
  // A saved zone may be an alias this browser doesn't list (Europe/Kiev vs Europe/Kyiv): keep it selectable.
  const listed = options.some((option) => option.value === value);
  return (
    <SelectField {...select} value={value}>
      {!listed && <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

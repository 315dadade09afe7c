import type { ComponentProps, ReactNode } from 'react';
import { TextField, type ValueFieldProps } from './fields';

/** The filters above a list, announced to screen readers as a search; `wide` for many filters. */
export function FilterBar({ wide = false, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'filters filters-wide' : 'filters'} role="search">
      {children}
    </div>
  );
}

type SearchFieldProps = Omit<ValueFieldProps<ComponentProps<typeof TextField>, string>, 'label'> & { label: string };

/** A free-text filter box. */
export function SearchField({ onChange, ...input }: SearchFieldProps) {
  return <TextField type="search" {...input} onChange={(event) => onChange(event.target.value)} />;
}

import type { ComponentProps, ReactNode } from 'react';
import { TextField, type ValueFieldProps } from './fields';

/** The filters above a list, announced to screen readers as a search. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <div className="filters" role="search">
      {children}
    </div>
  );
}

type SearchFieldProps = Omit<ValueFieldProps<ComponentProps<typeof TextField>, string>, 'label'> & { label: string };

/** A free-text filter box. */
export function SearchField({ onChange, ...input }: SearchFieldProps) {
  return <TextField type="search" {...input} onChange={(event) => onChange(event.target.value)} />;
}

import type { ReactNode } from 'react';
import type { Query } from '../hooks/useQuery';
import { useT } from '../i18n';
import { LoadError } from './Alert';

interface DataTableProps<T> {
  /** The column headers, in order. */
  columns: readonly ReactNode[];
  /** A last column of buttons; its header is read only by screen readers. */
  actions?: boolean;
  rows: readonly T[];
  /** One `<tr>` (with its key) per row. */
  row: (item: T, index: number) => ReactNode;
  /** Shown instead of the table when there are no rows; without it the table stays, empty. */
  empty?: string;
  /** Set while the rows are being reloaded. */
  busy?: boolean;
  /** A caption read only by screen readers. */
  caption?: string;
  className?: string;
  testId?: string;
}

/** A scrollable table with a header row of column headers and a row per item. */
export function DataTable<T>({ columns, actions = false, rows, row, empty, busy, caption, className, testId }: DataTableProps<T>) {
  const t = useT();
  if (empty !== undefined && rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap" aria-busy={busy}>
      <table className={className} data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{rows.map((item, index) => row(item, index))}</tbody>
      </table>
    </div>
  );
}

type ListTableProps<T> = Omit<DataTableProps<T>, 'rows' | 'busy' | 'empty'> & {
  /** The loaded list: its error with a retry, then its items, marked busy while reloading. */
  list: Query<{ items: readonly T[] }>;
  empty: string;
};

/** A loaded list as a table: the load error, the empty text, or the rows. */
export function ListTable<T>({ list, ...table }: ListTableProps<T>) {
  return (
    <>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && <DataTable {...table} rows={list.data.items} busy={list.loading} />}
    </>
  );
}

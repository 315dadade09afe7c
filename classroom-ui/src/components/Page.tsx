import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

interface PageProps {
  /** Shown in the browser tab and, unless `heading` is given, as the page heading. */
  title: string;
  heading?: ReactNode;
  /** Buttons shown next to the heading. */
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A page inside the app layout. */
export function Page({ title, heading, actions, testId, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <section className="page" data-testid={testId}>
      <header className="page-header">
        <h1>{heading ?? title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

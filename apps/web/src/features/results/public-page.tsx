/**
 * The frame of a public page about one published year (a unit's scorecard, the rubric): the
 * breadcrumb, the loading and error states of its query, and the head with title and actions.
 */
import type { ReactNode } from 'react';
import { ErrorState, ResultsSkeleton } from './result-states.tsx';

type PageQuery<T> = { isPending: boolean; isError: boolean; isFetching: boolean; error: unknown; data: T | undefined; refetch: () => unknown };

export function PublicPage<T>({ className, breadcrumbLabel, crumbs, query, children }: { className: string; breadcrumbLabel: string; crumbs: ReactNode; query: PageQuery<T>; children: (data: T) => ReactNode }) {
  return (
    <article className={className}>
      <nav aria-label={breadcrumbLabel} className="sc-breadcrumb no-print">
        <ol>{crumbs}</ol>
      </nav>
      {query.isPending ? (
        <ResultsSkeleton />
      ) : query.isError || query.data === undefined ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        children(query.data)
      )}
    </article>
  );
}

export function PublicHead({ title, sub, cycle, actions }: { title: ReactNode; sub: ReactNode; cycle: ReactNode; actions: ReactNode }) {
  return (
    <header className="sc-head">
      <div>
        <h2 className="page-title">{title}</h2>
        <p className="sc-head__sub">{sub}</p>
        <p className="sc-head__cycle">{cycle}</p>
      </div>
      <div className="sc-head__actions no-print">{actions}</div>
    </header>
  );
}

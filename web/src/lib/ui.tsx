import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** Loading, error and not-found states of a query, said the same way on every page. */
export function QueryState({ fetching, error, missing, children }: { fetching: boolean; error?: CombinedError; missing?: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  if (error) return <p role="alert" className="error">{t.error(describeError(t, error))}</p>;
  if (fetching) return <p aria-live="polite" className="muted">{t.loading}</p>;
  if (missing) {
    return (
      <section>
        <h1>{t.notFound}</h1>
        <p><Link to="/">{t.backToDirectory}</Link></p>
      </section>
    );
  }
  return <>{children}</>;
}

/** What went wrong, in the reader's language where the error code says enough, else the server's words. */
export function describeError(t: ReturnType<typeof useI18n>['t'], error: CombinedError): string {
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code as string | undefined;
  if (code === 'RATE_LIMITED') return t.errors.rateLimited(Number(first.extensions.retryAfterSeconds ?? 60));
  if (code === 'SERVICE_UNAVAILABLE') return t.errors.unavailable;
  if (error.networkError) return t.errors.network;
  return first?.message ?? error.message;
}

/** Where an organisation, forum, body, project or field of action has its page. */
export const pathTo = {
  organisation: (slug: string) => `/organisation/${encodeURIComponent(slug)}`,
  forum: (code: string) => `/forum/${encodeURIComponent(code)}`,
  body: (slug: string) => `/gremium/${encodeURIComponent(slug)}`,
  project: (slug: string) => `/projekt/${encodeURIComponent(slug)}`,
  field: (code: string) => `/handlungsfeld/${encodeURIComponent(code)}`,
};

/** A list of organisations with the role each has (a forum's members, a project's participants). */
export function MemberList({ edges }: { edges: { role: string; since?: string | null; node: { id: string; slug: string; name: string; kind: string } }[] }) {
  const { t } = useI18n();
  return (
    <ul className="cards">
      {edges.map(({ role, since, node }) => (
        <li key={node.id}>
          <Link to={pathTo.organisation(node.slug)}>{node.name}</Link>
          <span className="tag">{t.roles[role] ?? role}</span>
          <span className="muted"> · {t.kinds[node.kind] ?? node.kind}{since ? ` · ${t.since(since)}` : ''}</span>
        </li>
      ))}
    </ul>
  );
}

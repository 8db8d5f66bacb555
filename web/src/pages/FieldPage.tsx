import { FieldOfActionDocument } from 'integration-graph-client/documents';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { pathTo, QueryState } from '../lib/ui';

/** A field of action (Handlungsfeld I–V): who works in it, its forums and projects. */
export function FieldPage() {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: FieldOfActionDocument, variables: { code } });
  const f = data?.fieldOfAction;
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !f}>
      {f && (
        <article>
          <h1>{f.code} – {locale === 'en' && f.nameEn ? f.nameEn : f.name}</h1>
          {f.description && <p className="lead">{f.description}</p>}
          <section>
            <h2>{t.field.organisations(f.organisations.totalCount)}</h2>
            <ul className="inline">{f.organisations.nodes.map((o) => <li key={o.id}><Link to={pathTo.organisation(o.slug)}>{o.name}</Link></li>)}</ul>
          </section>
          {f.forums.length > 0 && (
            <section>
              <h2>{t.field.forums}</h2>
              <ul className="inline">{f.forums.map((forum) => <li key={forum.id}><Link to={pathTo.forum(forum.code)}>{forum.name}</Link></li>)}</ul>
            </section>
          )}
          {f.projects.nodes.length > 0 && (
            <section>
              <h2>{t.field.projects}</h2>
              <ul className="inline">{f.projects.nodes.map((p) => <li key={p.id}><Link to={pathTo.project(p.slug)}>{p.name}</Link></li>)}</ul>
            </section>
          )}
        </article>
      )}
    </QueryState>
  );
}

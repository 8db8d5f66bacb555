import { ForumDocument, ForumsDocument } from 'integration-graph-client/documents';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { AsOfInput } from '../lib/filters';
import { MemberList, pathTo, QueryState } from '../lib/ui';

/** The five thematic forums (Fachforen I–V). */
export function ForumsPage() {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: ForumsDocument, variables: { first: 20 } });
  return (
    <section>
      <h1>{t.forum.title}</h1>
      <QueryState fetching={fetching && !data} error={error}>
        <ul className="cards">
          {data?.forums.nodes.map((f) => (
            <li key={f.id}>
              <Link to={pathTo.forum(f.code)}>{f.name}</Link>
              {f.topic && <div className="muted">{f.topic}</div>}
              <div className="meta">{t.forum.members(f.members.totalCount)}</div>
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}

/** One forum: its focus, its members with their roles (as of a day, kept in the URL), its projects. */
export function ForumPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? '';
  const [{ data, fetching, error }] = useQuery({ query: ForumDocument, variables: { code, asOf: asOf || undefined } });
  const f = data?.forum;
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !f}>
      {f && (
        <article>
          <h1>{f.name}</h1>
          {f.topic && <p className="lead">{f.topic}</p>}
          {f.focus && <p>{f.focus}</p>}
          {f.description && <p>{f.description}</p>}
          {f.fieldsOfAction.length > 0 && (
            <p>
              {t.forum.fieldsOfAction}:{' '}
              {f.fieldsOfAction.map((field, i) => (
                <span key={field.code}>{i > 0 && ', '}<Link to={pathTo.field(field.code)}>{field.code} – {field.name}</Link></span>
              ))}
            </p>
          )}
          <section>
            <h2>{t.forum.members(f.members.totalCount)}</h2>
            <div className="as-of">
              <AsOfInput value={asOf} onChange={(day) => setParams(day ? { asOf: day } : {}, { replace: true })} />
            </div>
            <MemberList edges={f.members.edges} />
          </section>
          {f.projects.nodes.length > 0 && (
            <section>
              <h2>{t.forum.projects}</h2>
              <ul className="inline">{f.projects.nodes.map((p) => <li key={p.id}><Link to={pathTo.project(p.slug)}>{p.name}</Link></li>)}</ul>
            </section>
          )}
        </article>
      )}
    </QueryState>
  );
}

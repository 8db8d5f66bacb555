import { ProjectDocument } from 'integration-graph-client/documents';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { MemberList, pathTo, QueryState } from '../lib/ui';

/** A project, lighthouse projects among them ("Frühstart", "Mama lernt Deutsch", …). */
export function ProjectPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: ProjectDocument, variables: { slug } });
  const p = data?.project;
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !p}>
      {p && (
        <article>
          <h1>{p.name}</h1>
          <p className="meta">
            {p.isLighthouse && <span className="tag">{t.project.lighthouse}</span>}
            <span className="tag">{t.status[p.status] ?? p.status}</span>
            {p.fieldsOfAction.map((f) => <Link key={f.code} className="tag field" to={pathTo.field(f.code)}>{f.code} – {f.name}</Link>)}
          </p>
          {p.description && <p className="lead">{p.description}</p>}
          <section>
            <h2>{t.project.participants(p.participants.totalCount)}</h2>
            <MemberList edges={p.participants.edges} />
          </section>
          {p.forums.nodes.length > 0 && (
            <section>
              <h2>{t.project.forums}</h2>
              <ul className="inline">{p.forums.nodes.map((f) => <li key={f.id}><Link to={pathTo.forum(f.code)}>{f.name}</Link></li>)}</ul>
            </section>
          )}
        </article>
      )}
    </QueryState>
  );
}

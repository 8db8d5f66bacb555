import { BodyDocument } from 'integration-graph-client/documents';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { MemberList, pathTo, QueryState } from '../lib/ui';

/** A body of the programme (Steuerungs-AG, Programmbeirat, Projektgruppe, …). */
export function BodyPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: BodyDocument, variables: { slug } });
  const b = data?.body;
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !b}>
      {b && (
        <article>
          <h1>{b.name}</h1>
          <p className="meta"><span className="tag">{t.bodyKinds[b.kind] ?? b.kind}</span></p>
          {b.description && <p className="lead">{b.description}</p>}
          {b.chair && <p>{t.body.chair}: <Link to={pathTo.organisation(b.chair.slug)}>{b.chair.name}</Link></p>}
          <section>
            <h2>{t.body.members(b.members.totalCount)}</h2>
            <MemberList edges={b.members.edges} />
          </section>
        </article>
      )}
    </QueryState>
  );
}

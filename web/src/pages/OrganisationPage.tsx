import { OrganisationDocument, OrganisationForEditingDocument, OrganisationHistoryDocument } from 'integration-graph-client/documents';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/i18n';
import { pathTo, QueryState } from '../lib/ui';
import { useViewer } from '../lib/viewer';

/** One organisation: what it is, where it belongs, where it takes part; contact persons for signed-in partners. */
export function OrganisationPage() {
  const { slug = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { viewer } = useViewer();
  const [{ data, fetching, error }] = useQuery({ query: OrganisationDocument, variables: { slug } });
  const o = data?.organisation;
  const mayEdit = !!viewer && (viewer.role !== 'PARTNER_EDITOR' || viewer.organisations.some((own) => own.slug === slug));
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !o}>
      {o && (
        <article>
          <h1>{o.name}{o.shortName && <span className="muted"> ({o.shortName})</span>}</h1>
          <p className="meta">
            <span className="tag">{t.kinds[o.kind] ?? o.kind}</span>
            <span className="tag">{t.levels[o.level] ?? o.level}</span>
          </p>
          {mayEdit && <p><Link className="button" to={`/bearbeiten/${encodeURIComponent(o.slug)}`}>{t.organisation.edit}</Link></p>}
          {o.description && <p className="lead">{o.description}</p>}
          <dl className="facts">
            {o.parent && (
              <>
                <dt>{t.organisation.partOf}</dt>
                <dd><Link to={pathTo.organisation(o.parent.slug)}>{o.parent.name}</Link></dd>
              </>
            )}
            {o.website && (
              <>
                <dt>{t.organisation.website}</dt>
                <dd><a href={o.website} rel="noopener noreferrer">{o.website}</a></dd>
              </>
            )}
            <dt>{t.organisation.fieldsOfAction}</dt>
            <dd>
              {o.fieldsOfAction.length ? (
                <ul className="inline">
                  {o.fieldsOfAction.map((f) => <li key={f.code}><Link to={pathTo.field(f.code)}>{f.code} – {f.name}</Link></li>)}
                </ul>
              ) : t.organisation.none}
            </dd>
            <dt>{t.organisation.serviceAreas}</dt>
            <dd>
              {o.serviceAreas.length ? (
                <ul className="inline">
                  {o.serviceAreas.map((a) => <li key={a.slug}><Link to={`/?area=${encodeURIComponent(a.slug)}`}>{a.name}</Link></li>)}
                </ul>
              ) : <span className="muted">{t.organisation.notStated}</span>}
            </dd>
            {o.address && (
              <>
                <dt>{t.organisation.address}</dt>
                <dd>
                  {o.address.street}, {o.address.postalCode} {o.address.city}
                  {o.address.socialArea && <span className="muted"> ({o.address.socialArea.name})</span>}
                </dd>
              </>
            )}
          </dl>
          <Memberships title={t.organisation.forums} items={o.forums.edges.map((e) => ({ id: e.node.id, name: e.node.name, role: e.role, to: pathTo.forum(e.node.code) }))} />
          <Memberships title={t.organisation.bodies} items={o.bodies.edges.map((e) => ({ id: e.node.id, name: e.node.name, role: e.role, to: pathTo.body(e.node.slug) }))} />
          <Memberships title={t.organisation.projects} items={o.projects.edges.map((e) => ({ id: e.node.id, name: e.node.name, role: e.role, to: pathTo.project(e.node.slug) }))} />
          {o.children.totalCount > 0 && (
            <section>
              <h2>{t.organisation.children}</h2>
              <ul className="inline">
                {o.children.nodes.map((c) => <li key={c.id}><Link to={pathTo.organisation(c.slug)}>{c.name}</Link></li>)}
              </ul>
            </section>
          )}
          <History slug={o.slug} />
          <Contacts slug={o.slug} signedIn={!!viewer} />
          <p className="muted">{t.organisation.updated(formatDate(o.updatedAt))}</p>
        </article>
      )}
    </QueryState>
  );
}

function Memberships({ title, items }: { title: string; items: { id: string; name: string; role: string; to: string }[] }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={item.to}>{item.name}</Link> <span className="tag">{t.roles[item.role] ?? item.role}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every period in forums, bodies and projects, ended ones too: read when opened. */
function History({ slug }: { slug: string }) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: OrganisationHistoryDocument, variables: { slug, first: 100 }, pause: !open });
  const periods = data?.organisation?.linkHistory.nodes ?? [];
  const day = (d: string | null) => (d ? formatDate(`${d}T12:00:00Z`) : t.organisation.unknownDay);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t.organisation.history}</summary>
      <QueryState fetching={fetching && !data} error={error}>
        {data && periods.length === 0 && <p className="muted">{t.organisation.none}</p>}
        {periods.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.organisation.historyWhere}</th><th scope="col">{t.organisation.historyRole}</th>
                <th scope="col">{t.organisation.historySince}</th><th scope="col">{t.organisation.historyUntil}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p, i) => {
                const target = p.target;
                const to = !target ? null : target.__typename === 'Forum' ? pathTo.forum(target.code) : target.__typename === 'Body' ? pathTo.body(target.slug) : pathTo.project(target.slug);
                return (
                  <tr key={i}>
                    <td>{target && to ? <Link to={to}>{target.name}</Link> : t.organisation.none}</td>
                    <td>{t.roles[p.role] ?? p.role}</td>
                    <td>{day(p.since)}</td>
                    <td>{p.until ? `${day(p.until)}${p.endReason ? ` (${t.endReasons[p.endReason] ?? p.endReason})` : ''}` : t.organisation.ongoing}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
    </details>
  );
}

/** Contact persons are personal data: read only with a session, and only then asked for. */
function Contacts({ slug, signedIn }: { slug: string; signedIn: boolean }) {
  const { t } = useI18n();
  const [{ data }] = useQuery({ query: OrganisationForEditingDocument, variables: { slug }, pause: !signedIn });
  const contacts = data?.organisation?.contacts;
  return (
    <section>
      <h2>{t.organisation.contacts}</h2>
      {!signedIn && <p className="muted">{t.organisation.contactsHint}</p>}
      {signedIn && contacts && contacts.length === 0 && <p className="muted">{t.organisation.noContacts}</p>}
      {signedIn && contacts && contacts.length > 0 && (
        <ul className="cards">
          {contacts.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>{c.function && <span> – {c.function}</span>}
              {c.email && <div><a href={`mailto:${c.email}`}>{c.email}</a></div>}
              {c.phone && <div>{c.phone}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { OrganisationForEditingDocument } from 'integration-graph-client/documents';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { pathTo, QueryState } from '../../lib/ui';
import { useViewer } from '../../lib/viewer';
import { AuditTrail } from './AuditTrail';
import { MembershipRequestSection } from './MembershipRequests';
import { OrganisationForm } from './OrganisationForm';
import './partner.css';

/**
 * /bearbeiten/:slug — a partner maintains its organisation's entry: its own fields, asking to
 * join forums, bodies and projects, and the entry's history. Coordinators may edit any entry;
 * a partner whose access does not cover this one is told so, and sees no form.
 */
export function EditOrganisationPage() {
  const { t } = useI18n();
  const { slug = '' } = useParams();
  const { viewer, loading } = useViewer();
  if (loading) return <p aria-live="polite" className="muted">{t.loading}</p>;
  if (!viewer) {
    return (
      <section>
        <h1>{t.partner.editHeading}</h1>
        <p className="pt-callout">{t.partner.signInNeeded}</p>
        <p><Link to="/anmelden">{t.partner.signInLink}</Link></p>
      </section>
    );
  }
  if (viewer.role === 'PARTNER_EDITOR' && !viewer.organisations.some((o) => o.slug === slug)) {
    return (
      <section>
        <h1>{t.partner.editHeading}</h1>
        <p className="pt-callout pt-denied" id="edit-denied">{t.partner.notYours(slug)}</p>
        {viewer.organisations.length > 0 && (
          <>
            <h2>{t.partner.yourEntries}</h2>
            <ul>
              {viewer.organisations.map((o) => (
                <li key={o.id}><Link to={`/bearbeiten/${encodeURIComponent(o.slug)}`}>{o.name}</Link></li>
              ))}
            </ul>
          </>
        )}
      </section>
    );
  }
  return <Editor slug={slug} others={viewer.role === 'PARTNER_EDITOR' ? viewer.organisations.filter((o) => o.slug !== slug) : []} />;
}

function Editor({ slug, others }: { slug: string; others: { id: string; slug: string; name: string }[] }) {
  const { t } = useI18n();
  // Always the version as it is now: the form names it when it saves.
  const [{ data, fetching, error }] = useQuery({ query: OrganisationForEditingDocument, variables: { slug }, requestPolicy: 'network-only' });
  const [history, setHistory] = useState(0);
  const org = data?.organisation;
  return (
    <QueryState fetching={fetching && !data} error={error} missing={!!data && !org}>
      {org && (
        <article className="pt-edit">
          <h1>{t.partner.editTitle(org.name)}</h1>
          <p>
            <Link to={pathTo.organisation(org.slug)}>{t.partner.viewPublic}</Link>
            {others.length > 0 && (
              <span className="muted">
                {' · '}
                {t.partner.yourEntries}:{' '}
                {others.map((o, i) => (
                  <span key={o.id}>{i > 0 && ', '}<Link to={`/bearbeiten/${encodeURIComponent(o.slug)}`}>{o.name}</Link></span>
                ))}
              </span>
            )}
          </p>
          <nav aria-label={t.partner.onThisPage} className="pt-toc">
            <ul>
              <li><a href="#edit-entry">{t.partner.sectionEntry}</a></li>
              <li><a href="#edit-membership">{t.partner.sectionMembership}</a></li>
              <li><a href="#edit-history">{t.partner.sectionHistory}</a></li>
            </ul>
          </nav>
          <section id="edit-entry" aria-labelledby="edit-entry-title">
            <h2 id="edit-entry-title">{t.partner.sectionEntry}</h2>
            <OrganisationForm key={org.id} org={org} onSaved={() => setHistory((n) => n + 1)} />
          </section>
          <section id="edit-membership" aria-labelledby="edit-membership-title">
            <h2 id="edit-membership-title">{t.partner.sectionMembership}</h2>
            <MembershipRequestSection organisation={org} onRequested={() => setHistory((n) => n + 1)} />
          </section>
          <section id="edit-history" aria-labelledby="edit-history-title">
            <h2 id="edit-history-title">{t.partner.sectionHistory}</h2>
            <p>{t.partner.historyIntro}</p>
            <AuditTrail filter={{ organisationId: org.id }} showOrganisation={false} refresh={history} headingId="edit-history-title" />
          </section>
        </article>
      )}
    </QueryState>
  );
}

import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useViewer } from '../../lib/viewer';
import '../partner/partner.css';

/**
 * The frame of the coordination office's pages: only for COORDINATOR and ADMIN (others are
 * told so), with links between its pages.
 */
export function CoordinationShell({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useI18n();
  const { viewer, loading } = useViewer();
  if (loading) return <p aria-live="polite" className="muted">{t.loading}</p>;
  if (!viewer) {
    return (
      <section>
        <h1>{title}</h1>
        <p className="pt-callout">{t.partner.coordinationSignIn}</p>
        <p><Link to="/anmelden">{t.partner.signInLink}</Link></p>
      </section>
    );
  }
  if (viewer.role !== 'COORDINATOR' && viewer.role !== 'ADMIN') {
    return (
      <section>
        <h1>{title}</h1>
        <p className="pt-callout pt-denied">{t.partner.coordinationOnly}</p>
      </section>
    );
  }
  return (
    <section>
      <nav aria-label={t.partner.coordinationNav} className="pt-subnav">
        <ul>
          <li><NavLink to="/koordination/antraege">{t.partner.requestsTitle}</NavLink></li>
          <li><NavLink to="/koordination/protokoll">{t.partner.auditTitle}</NavLink></li>
          <li><NavLink to="/koordination/zugaenge">{t.partner.tokensTitle}</NavLink></li>
          <li><NavLink to="/koordination/webhooks">{t.partner.webhooksTitle}</NavLink></li>
        </ul>
      </nav>
      <h1>{title}</h1>
      {intro && <p className="lead">{intro}</p>}
      {children}
    </section>
  );
}

import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { useI18n } from './i18n/i18n';
import { useViewer } from './lib/viewer';
import { CoveragePage } from './pages/analysis/CoveragePage';
import { DownloadsPage } from './pages/analysis/DownloadsPage';
import { GapsPage } from './pages/analysis/GapsPage';
import { BodyPage } from './pages/BodyPage';
import { DirectoryPage } from './pages/DirectoryPage';
import { FieldPage } from './pages/FieldPage';
import { ForumPage, ForumsPage } from './pages/ForumPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { ProjectPage } from './pages/ProjectPage';
import { SignInPage } from './pages/SignInPage';

// The network map brings sigma.js and graphology: a chunk of its own, loaded with its page.
const NetworkPage = lazy(() => import('./pages/NetworkPage'));
// The pages of signed-in partners and of the coordination office: chunks the public never loads.
const EditOrganisationPage = lazy(() => import('./pages/partner/EditOrganisationPage').then((m) => ({ default: m.EditOrganisationPage })));
const RequestsPage = lazy(() => import('./pages/coordination/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const AuditLogPage = lazy(() => import('./pages/coordination/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const TokensPage = lazy(() => import('./pages/coordination/TokensPage').then((m) => ({ default: m.TokensPage })));
const WebhooksPage = lazy(() => import('./pages/coordination/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));

export function App() {
  const { t, locale, setLocale } = useI18n();
  const { viewer, signOut } = useViewer();
  return (
    <>
      <a className="skip" href="#main">{t.skipToContent}</a>
      <header className="site">
        <div className="brand">
          <Link to="/">{t.appName}</Link>
          <p>{t.appTagline}</p>
        </div>
        <nav aria-label={t.nav.main}>
          <ul>
            <li><NavLink to="/" end>{t.nav.directory}</NavLink></li>
            <li><NavLink to="/foren">{t.nav.forums}</NavLink></li>
            <li><NavLink to="/analyse/abdeckung">{t.nav.coverage}</NavLink></li>
            <li><NavLink to="/analyse/luecken">{t.nav.gaps}</NavLink></li>
            <li><NavLink to="/analyse/netzwerk">{t.nav.network}</NavLink></li>
            <li><NavLink to="/downloads">{t.nav.downloads}</NavLink></li>
            {viewer?.role === 'PARTNER_EDITOR' && viewer.organisations[0] && (
              <li><NavLink to={`/bearbeiten/${encodeURIComponent(viewer.organisations[0].slug)}`}>{t.nav.myEntries}</NavLink></li>
            )}
            {viewer && viewer.role !== 'PARTNER_EDITOR' && <li><NavLink to="/koordination/antraege">{t.nav.coordination}</NavLink></li>}
            {viewer ? (
              <li><button type="button" className="link" onClick={() => void signOut()}>{t.nav.signOut} ({viewer.name})</button></li>
            ) : (
              <li><NavLink to="/anmelden">{t.nav.signIn}</NavLink></li>
            )}
            <li>
              <button type="button" className="link" lang={locale === 'de' ? 'en' : 'de'} onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}>
                {t.switchLanguage}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t.loading}</p>}>
          <Routes>
            <Route path="/" element={<DirectoryPage />} />
            <Route path="/organisation/:slug" element={<OrganisationPage />} />
            <Route path="/foren" element={<ForumsPage />} />
            <Route path="/forum/:code" element={<ForumPage />} />
            <Route path="/gremium/:slug" element={<BodyPage />} />
            <Route path="/projekt/:slug" element={<ProjectPage />} />
            <Route path="/handlungsfeld/:code" element={<FieldPage />} />
            <Route path="/analyse/netzwerk" element={<NetworkPage />} />
            <Route path="/analyse/abdeckung" element={<CoveragePage />} />
            <Route path="/analyse/luecken" element={<GapsPage />} />
            <Route path="/downloads" element={<DownloadsPage />} />
            <Route path="/bearbeiten/:slug" element={<EditOrganisationPage />} />
            <Route path="/koordination/antraege" element={<RequestsPage />} />
            <Route path="/koordination/protokoll" element={<AuditLogPage />} />
            <Route path="/koordination/zugaenge" element={<TokensPage />} />
            <Route path="/koordination/webhooks" element={<WebhooksPage />} />
            <Route path="/anmelden" element={<SignInPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}

import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { SessionProvider, useSession } from '../common/session.tsx';
import { AlreadySignedIn, Button, ConsoleSignIn, LanguageSwitch } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { OpsWebhooksPage } from '../merchant/integrations/index.ts';
import { AppealsQueue } from './Appeals.tsx';
import { ArbitrationDetail, ArbitrationQueue } from './Arbitrations.tsx';
import { mayUse, NAV_GROUPS, type OpsRole, PAGES } from './access.ts';
import { ClaimSuccess } from './buyers/ClaimSuccess.tsx';
import { CaseDetail } from './CaseDetail.tsx';
import { Configuration } from './Configuration.tsx';
import { ContentDetail } from './ContentDetail.tsx';
import { ContentQueue } from './ContentQueue.tsx';
import { CareCase } from './care/CareCase.tsx';
import { CareQueue } from './care/CareQueue.tsx';
import { PlatformNps } from './feedback/PlatformNps.tsx';
import { GrowthOpsPage } from './growth/GrowthOpsPage.tsx';
import { IpComplaints } from './IpComplaints.tsx';
import { Ledger } from './Ledger.tsx';
import { Lexicon } from './Lexicon.tsx';
import { ListingsQueue } from './Listings.tsx';
import { LiveMonitor } from './LiveMonitor.tsx';
import { MerchantsQueue } from './Merchants.tsx';
import { RankingPage } from './ranking/RankingPage.tsx';
import './ops.css';
import { Overview } from './Overview.tsx';
import { PlatformCoupons } from './PlatformCoupons.tsx';
import { PolicyDetail, PolicyList } from './Policies.tsx';
import { ReviewReports } from './ReviewReports.tsx';
import { ReportQueue } from './reports/ReportQueue.tsx';
import { ReputationConfigPage } from './reputation/ReputationConfigPage.tsx';
import { ReputationShops } from './reputation/ReputationShops.tsx';
import { ChatMetricsPage } from './service/ChatMetricsPage.tsx';
import { TrustBadgesPage } from './standing/TrustBadges.tsx';
import { QueueBoard } from './triage/QueueBoard.tsx';
import { TriagePage } from './triage/TriageQueue.tsx';
import { SkuProtections } from './voice/SkuProtections.tsx';
import { VoiceDashboard } from './voice/VoiceDashboard.tsx';

export default function OpsApp() {
  return (
    <SessionProvider scope="ops">
      <Console />
    </SessionProvider>
  );
}

function Console() {
  const { t, tEnum } = useI18n();
  const { account, logout } = useSession();
  return (
    <div className="o-app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="o-top">
        <h1>{t('ops.title')}</h1>
        <div className="row">
          {account ? (
            <>
              <span className="o-account">
                {account.displayName}
                {account.opsRoles.length
                  ? ` · ${account.opsRoles.map((r) => tEnum('ops.role.', r)).join('、')}`
                  : ''}
              </span>
              <Button kind="secondary" onClick={() => void logout()}>
                {t('logout')}
              </Button>
            </>
          ) : null}
          <LanguageSwitch />
        </div>
      </header>
      {!account ? (
        <main id="main" className="o-main o-login">
          <ConsoleSignIn home="/ops" />
        </main>
      ) : account.kind !== 'ops' ? (
        <main id="main" className="o-main o-login">
          <p className="error" role="alert">
            {t('ops.notOps')}
          </p>
        </main>
      ) : (
        <div className="o-body">
          <SideNav />
          <main id="main" className="o-main">
            <Routes>
              <Route index element={<Overview />} />
              <Route
                path="queues"
                element={<Guard roles={['reviewer', 'rule_admin']}>{<QueueBoard />}</Guard>}
              />
              <Route path="queues/:queue" element={<Guard roles={['reviewer']}>{<TriagePage />}</Guard>} />
              <Route path="ip" element={<Guard roles={['reviewer']}>{<IpComplaints />}</Guard>} />
              <Route path="reports" element={<Guard roles={['reviewer']}>{<ReportQueue />}</Guard>} />
              <Route
                path="lexicon"
                element={<Guard roles={['rule_admin', 'reviewer']}>{<Lexicon />}</Guard>}
              />
              <Route
                path="reviews/listings"
                element={<Guard roles={['reviewer']}>{<ListingsQueue />}</Guard>}
              />
              <Route
                path="reviews/merchants"
                element={<Guard roles={['reviewer']}>{<MerchantsQueue />}</Guard>}
              />
              <Route
                path="reviews/content"
                element={<Guard roles={['reviewer']}>{<ContentQueue />}</Guard>}
              />
              <Route
                path="reviews/content/:subjectType/:subjectId"
                element={<Guard roles={['reviewer']}>{<ContentDetail />}</Guard>}
              />
              <Route
                path="reviews/reviews"
                element={<Guard roles={['reviewer']}>{<ReviewReports />}</Guard>}
              />
              <Route path="cases/:id" element={<Guard roles={['reviewer']}>{<CaseDetail />}</Guard>} />
              <Route
                path="arbitrations"
                element={<Guard roles={['arbiter']}>{<ArbitrationQueue />}</Guard>}
              />
              <Route
                path="arbitrations/:requestId"
                element={<Guard roles={['arbiter']}>{<ArbitrationDetail />}</Guard>}
              />
              <Route path="appeals" element={<Guard roles={['arbiter']}>{<AppealsQueue />}</Guard>} />
              <Route
                path="policies"
                element={<Guard roles={['rule_admin', 'reviewer']}>{<PolicyList />}</Guard>}
              />
              <Route
                path="policies/:id"
                element={<Guard roles={['rule_admin', 'reviewer']}>{<PolicyDetail />}</Guard>}
              />
              <Route path="live" element={<Guard roles={['reviewer', 'arbiter']}>{<LiveMonitor />}</Guard>} />
              <Route
                path="configuration"
                element={<Guard roles={['rule_admin', 'arbiter', 'reviewer']}>{<Configuration />}</Guard>}
              />
              <Route path="ledger" element={<Guard roles={['arbiter']}>{<Ledger />}</Guard>} />
              <Route
                path="reputation"
                element={<Guard roles={['rule_admin', 'arbiter', 'reviewer']}>{<ReputationShops />}</Guard>}
              />
              <Route
                path="reputation/rules"
                element={
                  <Guard roles={['rule_admin', 'arbiter', 'reviewer']}>{<ReputationConfigPage />}</Guard>
                }
              />
              <Route
                path="trust-badges"
                element={<Guard roles={['reviewer', 'arbiter', 'rule_admin']}>{<TrustBadgesPage />}</Guard>}
              />
              <Route path="coupons" element={<Guard roles={['rule_admin']}>{<PlatformCoupons />}</Guard>} />
              <Route
                path="webhooks/*"
                element={<Guard roles={['rule_admin']}>{<OpsWebhooksPage />}</Guard>}
              />
              <Route
                path="growth"
                element={<Guard roles={['rule_admin', 'arbiter', 'reviewer']}>{<GrowthOpsPage />}</Guard>}
              />
              <Route
                path="nps"
                element={<Guard roles={['reviewer', 'arbiter', 'rule_admin']}>{<PlatformNps />}</Guard>}
              />
              <Route
                path="chat-metrics"
                element={<Guard roles={['reviewer', 'arbiter', 'rule_admin']}>{<ChatMetricsPage />}</Guard>}
              />
              <Route path="care" element={<Guard roles={['reviewer', 'arbiter']}>{<CareQueue />}</Guard>} />
              <Route
                path="voice"
                element={<Guard roles={['reviewer', 'arbiter', 'rule_admin']}>{<VoiceDashboard />}</Guard>}
              />
              <Route
                path="sku-protections"
                element={<Guard roles={['reviewer', 'arbiter']}>{<SkuProtections />}</Guard>}
              />
              <Route
                path="care/:id"
                element={<Guard roles={['reviewer', 'arbiter']}>{<CareCase />}</Guard>}
              />
              <Route
                path="buyers/claims"
                element={<Guard roles={['reviewer', 'arbiter']}>{<ClaimSuccess />}</Guard>}
              />
              <Route
                path="login"
                element={
                  <AlreadySignedIn message={t('ops.signedIn')} home="/ops" homeName={t('ops.nav.overview')} />
                }
              />
              <Route
                path="ranking"
                element={<Guard roles={['rule_admin', 'arbiter', 'reviewer']}>{<RankingPage />}</Guard>}
              />
              <Route path="*" element={<p className="empty">{t('error.not_found')}</p>} />
            </Routes>
          </main>
        </div>
      )}
    </div>
  );
}

/** A page the signed-in roles may not use says so instead of failing on every call. */
function Guard({ roles, children }: { roles: readonly OpsRole[]; children: ReactNode }) {
  const { t } = useI18n();
  const { account } = useSession();
  if (!mayUse(account, roles))
    return (
      <p className="error" role="alert">
        {t('ops.notAllowed')}
      </p>
    );
  return <>{children}</>;
}

function SideNav() {
  const { t } = useI18n();
  const { account } = useSession();
  const pages = PAGES.filter((p) => mayUse(account, p.roles));
  return (
    <nav className="o-nav" aria-label={t('ops.nav.label')}>
      {NAV_GROUPS.map((group) => {
        const inGroup = pages.filter((p) => p.group === group);
        if (inGroup.length === 0) return null;
        return (
          <div key={group} className="o-nav-group">
            {group !== 'home' && <p className="o-nav-heading">{t(`ops.nav.group.${group}`)}</p>}
            <ul>
              {inGroup.map((p) => (
                <li key={p.key}>
                  <NavLink to={p.path ? `/ops/${p.path}` : '/ops'} end={p.path === ''}>
                    {t(p.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

import { useId } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { SessionProvider, useSession } from '../common/session.tsx';
import { AlreadySignedIn, Button, ConsoleSignIn, LanguageSwitch } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AftersalesDetail, AftersalesInbox } from './Aftersales.tsx';
import { CouponsPage } from './coupons/CouponsPage.tsx';
import { CreatorConsole } from './creator/CreatorConsole.tsx';
import { Dashboard } from './Dashboard.tsx';
import { FollowersPage } from './Followers.tsx';
import { FlashSalesPage } from './flash-sales/index.ts';
import { FreightTemplateEditorPage, FreightTemplatesPage } from './freight/index.ts';
import { GovernancePage } from './Governance.tsx';
import { GrowthPage } from './growth/GrowthPage.tsx';
import { IpComplaintsPage } from './IpComplaints.tsx';
import { ApiKeysPage, ShopWebhooksPage } from './integrations/index.ts';
import { LivePage } from './Live.tsx';
import './merchant.css';
import { MoneyPage } from './Money.tsx';
import { Onboarding } from './Onboarding.tsx';
import { OrderDesk, OrderDetail } from './Orders.tsx';
import { ProductEditor } from './ProductEditor.tsx';
import { ProductList } from './Products.tsx';
import { ReviewsPage } from './Reviews.tsx';
import { ReputationPage } from './reputation/ReputationPage.tsx';
import { ShopAddressesPage } from './ShopAddresses.tsx';
import { StaffPage } from './Staff.tsx';
import { ServiceMetricsPage } from './service/ServiceMetricsPage.tsx';
import { ServiceSettingsPage } from './service/ServiceSettingsPage.tsx';
import { ShopProvider, useShop } from './shop.tsx';
import { StandingPage } from './standing/StandingPage.tsx';
import { ShopVoicePage } from './voice/ShopVoicePage.tsx';
import { WorkstationPage } from './workstation/WorkstationPage.tsx';

export default function MerchantApp() {
  return (
    <SessionProvider scope="merchant">
      <Console />
    </SessionProvider>
  );
}

function Console() {
  const { t } = useI18n();
  const { account, logout } = useSession();
  return (
    <div className="m-app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="m-top">
        <h1>{t('merchant.title')}</h1>
        <div className="row">
          {account ? (
            <>
              <span className="m-account">{account.displayName}</span>
              <Button kind="secondary" onClick={() => void logout()}>
                {t('logout')}
              </Button>
            </>
          ) : null}
          <LanguageSwitch />
        </div>
      </header>
      {account?.kind === 'creator' ? (
        <CreatorConsole />
      ) : account ? (
        <ShopProvider>
          <div className="m-body">
            <SideNav />
            <main id="main" className="m-main">
              <Routes>
                <Route index element={<Dashboard />} />
                <Route path="onboarding" element={<Onboarding />} />
                <Route path="products" element={<ProductList />} />
                <Route path="products/new" element={<ProductEditor />} />
                <Route path="products/:productId" element={<ProductEditor />} />
                <Route path="freight" element={<FreightTemplatesPage />} />
                <Route path="freight/new" element={<FreightTemplateEditorPage />} />
                <Route path="freight/:templateId" element={<FreightTemplateEditorPage />} />
                <Route path="orders" element={<OrderDesk />} />
                <Route path="orders/:orderId" element={<OrderDetail />} />
                <Route path="aftersales" element={<AftersalesInbox />} />
                <Route path="aftersales/:requestId" element={<AftersalesDetail />} />
                <Route path="workstation" element={<WorkstationPage />} />
                <Route path="live" element={<LivePage />} />
                <Route path="flash-sales" element={<FlashSalesPage />} />
                <Route path="coupons" element={<CouponsPage />} />
                <Route path="governance" element={<GovernancePage />} />
                <Route path="reputation" element={<ReputationPage />} />
                <Route path="service/settings" element={<ServiceSettingsPage />} />
                <Route path="service/metrics" element={<ServiceMetricsPage />} />
                <Route path="standing" element={<StandingPage />} />
                <Route path="growth" element={<GrowthPage />} />
                <Route path="money" element={<MoneyPage />} />
                <Route path="reviews" element={<ReviewsPage />} />
                <Route path="voice" element={<ShopVoicePage />} />
                <Route path="ip" element={<IpComplaintsPage />} />
                <Route path="staff" element={<StaffPage />} />
                <Route path="followers" element={<FollowersPage />} />
                <Route path="addresses" element={<ShopAddressesPage />} />
                <Route path="webhooks/*" element={<ShopWebhooksPage />} />
                <Route path="api-keys" element={<ApiKeysPage />} />
                <Route
                  path="login"
                  element={
                    <AlreadySignedIn
                      message={t('merchant.signedIn')}
                      home="/merchant"
                      homeName={t('merchant.nav.dashboard')}
                    />
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </main>
          </div>
        </ShopProvider>
      ) : (
        <main id="main" className="m-main m-login">
          <ConsoleSignIn home="/merchant" />
        </main>
      )}
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <p className="empty">{t('error.not_found')}</p>;
}

const NAV = [
  ['', 'merchant.nav.dashboard'],
  ['onboarding', 'merchant.nav.onboarding'],
  ['products', 'merchant.nav.products'],
  ['freight', 'merchant.nav.freight'],
  ['orders', 'merchant.nav.orders'],
  ['aftersales', 'merchant.nav.aftersales'],
  ['workstation', 'merchant.nav.workstation'],
  ['live', 'merchant.nav.live'],
  ['flash-sales', 'merchant.nav.flashSales'],
  ['coupons', 'merchant.nav.coupons'],
  ['governance', 'merchant.nav.governance'],
  ['reputation', 'merchant.nav.reputation'],
  ['service/settings', 'merchant.nav.serviceSettings'],
  ['service/metrics', 'merchant.nav.serviceMetrics'],
  ['standing', 'merchant.nav.standing'],
  ['growth', 'merchant.nav.growth'],
  ['money', 'merchant.nav.money'],
  ['reviews', 'merchant.nav.reviews'],
  ['voice', 'merchant.nav.voice'],
  ['ip', 'merchant.nav.ip'],
  ['staff', 'merchant.nav.staff'],
  ['followers', 'merchant.nav.followers'],
  ['addresses', 'merchant.addresses.nav'],
] as const;

/** 开放平台: the shop's integrations, under their own heading. */
const INTEGRATIONS_NAV = [
  ['webhooks', 'integrations.nav.webhooks'],
  ['api-keys', 'integrations.nav.apiKeys'],
] as const;

function SideNav() {
  const { t, tEnum } = useI18n();
  const { shop, shops, choose } = useShop();
  const pickerId = useId();
  return (
    <nav className="m-nav" aria-label={t('merchant.nav.label')}>
      <div className="m-shop-picker">
        <label htmlFor={pickerId}>{t('merchant.shop.picker')}</label>
        <select id={pickerId} value={shop.id} onChange={(e) => choose(Number(e.target.value))}>
          {shops.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <small className="hint">
          {tEnum('merchant.shop.role.', shop.role)} · {tEnum('merchant.shop.state.', shop.state)}
        </small>
      </div>
      <ul>
        {NAV.map(([path, key]) => (
          <li key={key}>
            <NavLink to={path ? `/merchant/${path}` : '/merchant'} end={path === ''}>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
      <p className="m-nav-heading" id={`${pickerId}-integrations`}>
        {t('integrations.nav.group')}
      </p>
      <ul aria-labelledby={`${pickerId}-integrations`}>
        {INTEGRATIONS_NAV.map(([path, key]) => (
          <li key={key}>
            <NavLink to={`/merchant/${path}`}>{t(key)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

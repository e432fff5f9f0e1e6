import { Link, NavLink, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { SessionProvider, useSession } from '../common/session.tsx';
import { Button, LanguageSwitch, LoginForm } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AftersalesDetailPage, AftersalesListPage } from './Aftersales.tsx';
import { NewAftersalesPage } from './AftersalesNew.tsx';
import { AddressBookPage } from './addresses/AddressBookPage.tsx';
import { FollowingPage, InboxPage, MessagesLink } from './audience/index.ts';
import { CartPage, CheckoutPage } from './Cart.tsx';
import { CareSurveyPage } from './care/CareSurveyPage.tsx';
import { CartProvider, useCart } from './cart-store.tsx';
import { ChatLink, ChatListPage, ConversationPage } from './chat/index.ts';
import { CouponCentrePage, MyCouponsPage } from './coupons/index.ts';
import { HomePage, SearchPage } from './Home.tsx';
import { LiveRoomPage } from './LiveRoom.tsx';
import { OrderDetailPage, OrdersPage } from './Orders.tsx';
import { ProductPage } from './ProductPage.tsx';
import { PageTitle } from './parts.tsx';
import { MyReviewsPage } from './Reviews.tsx';
import { RightsPage } from './Rights.tsx';
import { MyReportsPage } from './reports/index.ts';
import { ShopPage } from './storefront/index.ts';
import { BuyerTierCard } from './tier/BuyerTierCard.tsx';
import './buyer.css';

export default function BuyerApp() {
  return (
    <SessionProvider scope="buyer">
      <CartProvider>
        <BuyerShell />
      </CartProvider>
    </SessionProvider>
  );
}

function BuyerShell() {
  const { t } = useI18n();
  const cart = useCart();
  return (
    <div className="buyer">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="buyer-top">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="row">
          <Link to="/cart" className="cart-link" aria-label={t('buyer.cart.withCount', { n: cart.count })}>
            {t('buyer.cart.title')}
            {cart.count ? <span className="cart-count">{cart.count}</span> : null}
          </Link>
          <LanguageSwitch />
        </span>
      </header>
      <main id="main" className="buyer-main">
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="live/:id" element={<LiveRoomPage />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route path="shops/:id" element={<ShopPage />} />
          <Route path="cart" element={<CartPage />} />
          <Route path="checkout" element={<CheckoutPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:id" element={<OrderDetailPage />} />
          <Route path="orders/:id/aftersales/new" element={<NewAftersalesPage />} />
          <Route path="aftersales" element={<AftersalesListPage />} />
          <Route path="aftersales/:requestId" element={<AftersalesDetailPage />} />
          <Route path="reviews" element={<MyReviewsPage />} />
          <Route path="me/reports" element={<MyReportsPage />} />
          <Route path="rights" element={<RightsPage />} />
          <Route path="me" element={<MePage />} />
          <Route path="following" element={<FollowingPage />} />
          <Route path="messages" element={<InboxPage />} />
          <Route path="care/:id" element={<CareSurveyPage />} />
          <Route path="chat" element={<ChatListPage />} />
          <Route path="chat/:id" element={<ConversationPage />} />
          <Route path="me/coupons" element={<MyCouponsPage />} />
          <Route path="coupons" element={<CouponCentrePage />} />
          <Route path="addresses" element={<AddressBookPage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <nav className="tabbar" aria-label={t('buyer.nav.label')}>
        <NavLink to="/" end>
          <span aria-hidden="true">⌂</span>
          {t('buyer.nav.home')}
        </NavLink>
        <NavLink to="/orders">
          <span aria-hidden="true">▤</span>
          {t('buyer.nav.orders')}
        </NavLink>
        <NavLink to="/aftersales">
          <span aria-hidden="true">↺</span>
          {t('buyer.nav.aftersales')}
        </NavLink>
        <NavLink to="/me">
          <span aria-hidden="true">☺</span>
          {t('buyer.nav.me')}
        </NavLink>
      </nav>
    </div>
  );
}

function MePage() {
  const { t } = useI18n();
  const { account, logout } = useSession();
  return (
    <div className="stack">
      <PageTitle>{t('buyer.me.title')}</PageTitle>
      {account ? (
        <>
          <div className="card">
            <strong>{account.displayName}</strong>
            <div className="hint">{account.login}</div>
          </div>
          <BuyerTierCard />
          <ul className="menu">
            <li>
              <Link to="/orders">{t('buyer.orders.title')}</Link>
            </li>
            <li>
              <Link to="/aftersales">{t('buyer.aftersales.title')}</Link>
            </li>
            <li>
              <Link to="/reviews">{t('buyer.review.mine')}</Link>
            </li>
            <li>
              <Link to="/following">{t('audience.page.title')}</Link>
            </li>
            <li>
              <MessagesLink />
            </li>
            <li>
              <ChatLink />
            </li>
            <li>
              <Link to="/addresses">{t('buyer.me.addresses')}</Link>
            </li>
            <li>
              <Link to="/me/coupons">{t('buyer.me.coupons')}</Link>
            </li>
            <li>
              <Link to="/coupons">{t('buyer.me.couponCentre')}</Link>
            </li>
            <li>
              <Link to="/me/reports">{t('report.mine')}</Link>
            </li>
            <li>
              <Link to="/rights">{t('buyer.me.rights')}</Link>
            </li>
            <li>
              <Link to="/cart">{t('buyer.cart.title')}</Link>
            </li>
          </ul>
          <Button kind="secondary" onClick={() => void logout()}>
            {t('logout')}
          </Button>
        </>
      ) : (
        <div className="card">
          <LoginForm />
        </div>
      )}
    </div>
  );
}

function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <div className="stack">
      <PageTitle>{t('login.title')}</PageTitle>
      <div className="card">
        <LoginForm titled={false} onDone={() => navigate(next?.startsWith('/') ? next : '/')} />
      </div>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="stack">
      <PageTitle>{t('buyer.notFound')}</PageTitle>
      <Link to="/">{t('buyer.nav.home')}</Link>
    </div>
  );
}

export { ApiKeysPage } from './ApiKeysPage.tsx';
export { OpsWebhooksPage, ShopWebhooksPage } from './pages.tsx';

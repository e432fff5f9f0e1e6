export { LiveShopChip } from './LiveShopChip.tsx';
export { ShopPage } from './ShopPage.tsx';
export { ShopReputationCard } from './ShopReputationCard.tsx';

export { HomeFeed } from './HomeFeed.tsx';
export { LiveDiscovery } from './LiveDiscovery.tsx';
export { type RankedProduct, RankedProductCard, RankedProductGrid, WhyButton } from './RankedProductCard.tsx';
export { SearchResults } from './SearchResults.tsx';

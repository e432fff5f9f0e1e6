export { FollowButton, type FollowKind, useAudience } from './FollowButton.tsx';
export { FollowingPage } from './FollowingPage.tsx';
export { InboxPage, MessagesLink } from './InboxPage.tsx';
export { ShopCard } from './ShopCard.tsx';

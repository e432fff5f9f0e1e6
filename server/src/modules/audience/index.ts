export { audienceRoutes } from './audience.routes.ts';
export type { FollowTargetKind } from './audience.tables.ts';
export { shopFollowerGains } from './follower-gains.ts';
export { type Audience, followedTargets, followerCounts } from './follows.service.ts';
export { type NotificationKind, notify, notifyFollowers } from './notifications.service.ts';

import { AppError, notFound } from '../../platform/errors.ts';
import type { FollowTargetKind } from './audience.tables.ts';

/** A shop or host that does not exist (or an account that does not host) answers 404. */
export const targetNotFound = (kind: FollowTargetKind, id: number) => notFound(kind, id);

/** Following oneself, or one's own shop: 400 naming `id`. */
export const followSelf = (kind: FollowTargetKind) =>
  new AppError(
    'validation_failed',
    kind === 'host' ? 'id: you cannot follow yourself' : 'id: you cannot follow your own shop',
    { fields: [{ field: 'id', reason: kind === 'host' ? 'yourself' : 'your own shop' }] },
    { key: kind === 'host' ? 'follow_self' : 'follow_own_shop' },
  );

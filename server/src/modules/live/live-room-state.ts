import type { Executor } from '../../platform/db.ts';
import { getSkuStocks, type SkuStock } from '../catalog/index.ts';
import { listPins, type PinnedProductView } from './live-read.service.ts';
import { type FeaturedProduct, featuredOf } from './live-room.service.ts';

export type LiveSku = Omit<SkuStock, 'productId'>;
export type LivePin = PinnedProductView & { skus: LiveSku[] };

/** The pinned products of a room with their SKUs' stock now, in pin order (what viewers are sent). */
export async function pinsWithSkus(db: Executor, sessionId: number): Promise<LivePin[]> {
  const pins = await listPins(db, sessionId);
  const skus = await getSkuStocks(
    db,
    pins.map((p) => p.productId),
  );
  return pins.map((pin) => ({
    ...pin,
    skus: skus.filter((s) => s.productId === pin.productId).map(({ productId: _, ...sku }) => sku),
  }));
}

/**
 * What a change carries over a broker (NATS messages may be up to 1 MB): the publisher reads the
 * room's new pins or featured product once, in its transaction, instead of every process reading
 * them again for its viewers. Over NOTIFY (8 kB) the change stays small and each process reads.
 */
export async function roomStateOf(
  db: Executor,
  change: { sessionId: number; kind: string },
): Promise<{ pins?: LivePin[]; featured?: FeaturedProduct | null }> {
  if (change.kind === 'pins') return { pins: await pinsWithSkus(db, change.sessionId) };
  if (change.kind === 'featured') return { featured: await featuredOf(db, change.sessionId) };
  return {};
}

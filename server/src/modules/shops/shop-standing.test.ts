import { describe, expect, it } from 'vitest';
import { provideShopStanding, type ShopStanding, shopStanding } from './shop-standing.ts';

describe('the ShopStanding port', () => {
  it('refuses to answer before a composition root provides it, so no penalty check is skipped silently', () => {
    expect(() => shopStanding()).toThrow(/provideShopStanding/);
  });

  it('answers with what the composition root provided', async () => {
    const frozen = new Set([7]);
    const standing: ShopStanding = {
      assertMayList: async () => {},
      assertMayHostLive: async () => {},
      assertMayGoLive: async () => {},
      isSettlementFrozen: async (_db, shopId) => frozen.has(shopId),
    };
    provideShopStanding(standing);
    const db = {} as never;
    expect(await shopStanding().isSettlementFrozen(db, 7)).toBe(true);
    expect(await shopStanding().isSettlementFrozen(db, 8)).toBe(false);
  });
});

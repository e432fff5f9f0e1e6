/**
 * A batch of checkouts took `granted` units of each SKU from stock (as many as were left, up to what
 * the batch wanted). Hand them out first-come, all-or-nothing per checkout: a checkout gets every
 * unit it needs or none, and whatever is not handed out goes back to stock.
 */
export function allocateStock(
  needs: readonly ReadonlyMap<number, number>[],
  granted: ReadonlyMap<number, number>,
): { accepted: boolean[]; leftover: Map<number, number> } {
  const remaining = new Map(granted);
  const accepted = needs.map((need) => {
    for (const [skuId, qty] of need) if ((remaining.get(skuId) ?? 0) < qty) return false;
    for (const [skuId, qty] of need) remaining.set(skuId, remaining.get(skuId)! - qty);
    return true;
  });
  const leftover = new Map([...remaining].filter(([, qty]) => qty > 0));
  return { accepted, leftover };
}

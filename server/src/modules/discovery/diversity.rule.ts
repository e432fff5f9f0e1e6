/**
 * Shop variety on the home feed: in each page of `pageSize`, at most `perShop` items of one shop; an
 * item over the cap waits for the next page (its order among the waiting kept). When only capped items
 * are left they fill the page after the varied ones, so nothing is dropped. Pure and deterministic: pages are stable.
 */
export function diversify<T>(
  ordered: readonly T[],
  shopOf: (item: T) => number,
  perShop: number,
  pageSize: number,
): T[] {
  const out: T[] = [];
  let waiting = [...ordered];
  while (waiting.length > 0) {
    const counts = new Map<number, number>();
    const page: T[] = [];
    const later: T[] = [];
    for (const item of waiting) {
      const shop = shopOf(item);
      const n = counts.get(shop) ?? 0;
      if (page.length < pageSize && n < perShop) {
        page.push(item);
        counts.set(shop, n + 1);
      } else later.push(item);
    }
    // A short page (every shop left is capped) is filled with the best of the waiting, in order.
    const fill = page.length < pageSize ? later.splice(0, pageSize - page.length) : [];
    out.push(...page, ...fill);
    waiting = later;
  }
  return out;
}

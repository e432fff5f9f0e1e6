export interface LineToShip {
  orderLineId: number;
  title: string;
  spec: string;
  /** Units still to ship: ordered less refunded. */
  quantity: number;
  refundedQuantity: number;
}

export interface ToShipRemainder {
  /** The lines with a unit left to ship (a line refunded whole is gone). */
  lines: LineToShip[];
  refundedFen: number;
  /** The order's amount less what was refunded: what the shop is still to be paid for it. */
  payoutFen: number;
  /** Every unit was refunded: there is nothing to ship. */
  nothingToShip: boolean;
}

/**
 * What of a paid order is still to ship after refunds before shipment (极速退款 of a line or of
 * units): product rules §5 "refund at once and stop the shipment" of what was refunded, not the rest.
 */
export function remainderToShip(
  order: { totalFen: number },
  lines: readonly { id: number; title: string; spec: string; quantity: number }[],
  refunded: readonly { orderLineId: number; units: number; fen: number }[],
): ToShipRemainder {
  const unitsOf = new Map<number, number>();
  let refundedFen = 0;
  for (const r of refunded) {
    unitsOf.set(r.orderLineId, (unitsOf.get(r.orderLineId) ?? 0) + r.units);
    refundedFen += r.fen;
  }
  const left = lines.map((l) => {
    const refundedQuantity = Math.min(l.quantity, unitsOf.get(l.id) ?? 0);
    return {
      orderLineId: l.id,
      title: l.title,
      spec: l.spec,
      quantity: l.quantity - refundedQuantity,
      refundedQuantity,
    };
  });
  const toShip = left.filter((l) => l.quantity > 0);
  return {
    lines: toShip,
    refundedFen,
    payoutFen: Math.max(0, order.totalFen - refundedFen),
    nothingToShip: toShip.length === 0,
  };
}

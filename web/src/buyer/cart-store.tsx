import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useSession } from '../common/session.tsx';

/** One cart line: what the buyer picked, with the price seen when it was added (checkout re-prices). */
export interface CartLine {
  skuId: number;
  productId: number;
  title: string;
  spec: string;
  priceFen: number;
  quantity: number;
}

interface Cart {
  lines: CartLine[];
  add(line: CartLine): void;
  setQuantity(skuId: number, quantity: number): void;
  remove(skuIds: number[]): void;
  count: number;
}

const CartContext = createContext<Cart | undefined>(undefined);

// Kept in the browser, one cart per signed-in buyer (a shared device keeps carts apart).
const keyOf = (accountId: number | undefined) => (accountId ? `xinren.cart.${accountId}` : undefined);

function read(key: string | undefined): CartLine[] {
  if (!key) return [];
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as CartLine[]) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function CartProvider({ children }: { children: ReactNode }) {
  const { account } = useSession();
  const key = keyOf(account?.id);
  const [lines, setLines] = useState<CartLine[]>(() => read(key));
  useEffect(() => {
    setLines(read(key));
  }, [key]);
  const save = useCallback(
    (update: (lines: CartLine[]) => CartLine[]) => {
      setLines((current) => {
        const next = update(current).filter((l) => l.quantity > 0);
        if (key) localStorage.setItem(key, JSON.stringify(next));
        return next;
      });
    },
    [key],
  );
  const value = useMemo<Cart>(
    () => ({
      lines,
      count: lines.reduce((n, l) => n + l.quantity, 0),
      add: (line) =>
        save((ls) =>
          ls.some((l) => l.skuId === line.skuId)
            ? ls.map((l) => (l.skuId === line.skuId ? { ...l, quantity: l.quantity + line.quantity } : l))
            : [...ls, line],
        ),
      setQuantity: (skuId, quantity) =>
        save((ls) => ls.map((l) => (l.skuId === skuId ? { ...l, quantity } : l))),
      remove: (skuIds) => save((ls) => ls.filter((l) => !skuIds.includes(l.skuId))),
    }),
    [lines, save],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): Cart {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart outside CartProvider');
  return value;
}

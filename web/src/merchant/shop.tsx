import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { unwrap } from '../api/client.ts';
import { SkeletonLoadState } from '../common/feedback.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Empty } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MyShop } from './types.ts';

interface ShopChoice {
  shop: MyShop;
  shops: MyShop[];
  choose(id: number): void;
}

const ShopContext = createContext<ShopChoice | undefined>(undefined);
const STORAGE_KEY = 'xinren.merchant.shop';

/** The shops the signed-in account owns or staffs, and the one the console is working on. */
export function ShopProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useI18n();
  const shops = useLoad(() => unwrap(api.GET('/api/v1/me/shops')), [api]);
  const [chosen, setChosen] = useState<number | undefined>(() => {
    const saved = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
    return Number.isSafeInteger(saved) && saved > 0 ? saved : undefined;
  });
  useEffect(() => {
    if (chosen !== undefined) localStorage.setItem(STORAGE_KEY, String(chosen));
  }, [chosen]);
  return (
    <SkeletonLoadState loaded={shops} rows={6}>
      {(list) =>
        list.length === 0 ? (
          <Empty>{t('merchant.shop.none')}</Empty>
        ) : (
          <ShopValue shops={list} chosen={chosen} choose={setChosen}>
            {children}
          </ShopValue>
        )
      }
    </SkeletonLoadState>
  );
}

function ShopValue({
  shops,
  chosen,
  choose,
  children,
}: {
  shops: MyShop[];
  chosen: number | undefined;
  choose(id: number): void;
  children: ReactNode;
}) {
  const shop = shops.find((s) => s.id === chosen) ?? shops[0]!;
  const value = useMemo(() => ({ shop, shops, choose }), [shop, shops, choose]);
  return <ShopContext.Provider value={value}>{children}</ShopContext.Provider>;
}

export function useShop(): ShopChoice {
  const value = useContext(ShopContext);
  if (!value) throw new Error('useShop outside ShopProvider');
  return value;
}

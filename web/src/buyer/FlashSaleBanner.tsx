import { unwrap } from '../api/client.ts';
import { useCountdown } from '../common/countdown.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import './flash-sale.css';

/**
 * The product page's flash sale (秒杀): the flash price against the original with a countdown by the
 * server's clock — to the end while it runs, to the start while it is announced. The sale of the chosen
 * SKU is shown first; nothing when the product has none.
 */
export function FlashSaleBanner({ productId, skuId }: { productId: number; skuId: number | undefined }) {
  const api = useApi();
  const sales = useLoad(
    () => unwrap(api.GET('/api/v1/products/{id}/flash-sale', { params: { path: { id: productId } } })),
    [api, productId],
  );
  const list = sales.data?.flashSales ?? [];
  const sale =
    list.find((s) => s.skuId === skuId && s.state === 'running') ??
    list.find((s) => s.state === 'running') ??
    list.find((s) => s.skuId === skuId) ??
    list[0];
  if (!sale || !sales.data) return null;
  return (
    <Banner
      sale={sale}
      serverNow={sales.data.serverNow}
      otherSku={sale.skuId !== skuId}
      onPassed={sales.reload}
    />
  );
}

type Sale = {
  skuId: number;
  spec: string;
  priceFen: number;
  originalPriceFen: number;
  remaining: number;
  perBuyerLimit: number;
  startsAt: string;
  endsAt: string;
  state: string;
};

function Banner({
  sale,
  serverNow,
  otherSku,
  onPassed,
}: {
  sale: Sale;
  serverNow: string;
  otherSku: boolean;
  onPassed(): void;
}) {
  const { t, money } = useI18n();
  const running = sale.state === 'running';
  const clock = useCountdown(running ? sale.endsAt : sale.startsAt, serverNow, onPassed);
  return (
    <section className="flash-banner" aria-label={t(running ? 'flash.buyer.badge' : 'flash.buyer.upcoming')}>
      <span className="flash-badge">{t(running ? 'flash.buyer.badge' : 'flash.buyer.upcoming')}</span>
      <span className="flash-price">
        <Money fen={sale.priceFen} />
      </span>
      <s className="flash-original">{t('flash.buyer.original', { price: money(sale.originalPriceFen) })}</s>
      <span className="flash-clock" role="timer">
        {t(running ? 'flash.buyer.endsIn' : 'flash.buyer.startsIn', { time: clock.text })}
      </span>
      <span className="flash-facts">
        {running
          ? sale.remaining > 0
            ? t('flash.buyer.remaining', { n: sale.remaining })
            : t('flash.buyer.soldOut')
          : null}{' '}
        {t('flash.buyer.limit', { n: sale.perBuyerLimit })}
        {otherSku ? ` · ${t('flash.buyer.otherSku', { spec: sale.spec })}` : null}
      </span>
    </section>
  );
}

import { useI18n } from '../i18n/index.tsx';
import './original-price.css';

/**
 * The original price (划线价) struck through beside a price, only when it is above it (product rules
 * §6.3: the server refuses a claim the SKU was not sold at in the 7 days before).
 */
export function OriginalPrice({
  fen,
  priceFen,
}: {
  fen: number | null | undefined;
  priceFen: number | null | undefined;
}) {
  const { t, money } = useI18n();
  if (fen == null || priceFen == null || fen <= priceFen) return null;
  return (
    <del className="original-price" data-testid="original-price">
      <span className="visually-hidden">{t('buyer.originalPrice')} </span>
      {money(fen)}
    </del>
  );
}

import type { ReactNode } from 'react';
import { EmptyState, SkeletonLoadState } from '../common/feedback.tsx';
import type { Loaded } from '../common/hooks.ts';
import { Badge, DateTime, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ProductState } from './types.ts';

/** A page's title row with its actions. */
export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="m-page-head">
      <h2>{title}</h2>
      {children ? <div className="row">{children}</div> : null}
    </div>
  );
}

/** A labelled figure on a dashboard or status page. */
export function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="m-tile">
      <div className="m-tile-label">{label}</div>
      <div className="m-tile-value">{children}</div>
    </div>
  );
}

const PRODUCT_TONE: Record<ProductState, string> = {
  draft: 'neutral',
  in_review: 'warn',
  rejected: 'bad',
  listed: 'ok',
  delisted: 'neutral',
  blocked: 'bad',
};

export function ProductStateBadge({ state }: { state: ProductState }) {
  const { tEnum } = useI18n();
  return <Badge tone={PRODUCT_TONE[state]}>{tEnum('merchant.productState.', state)}</Badge>;
}

/** A share from 0 to 1 as a bar, with its label for screen readers. */
export function Progress({ ratio, label }: { ratio: number; label: string }) {
  const pct = Math.max(0, Math.min(1, ratio)) * 100;
  return (
    <div
      className="m-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
    >
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

/** Yuan typed by a person ("12.5") as integer fen, or undefined when it is not an amount. */
export function yuanToFen(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  const [whole, frac = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The server writes screening reasons in both languages in one string ("中文 English", "中文 / English",
 * several joined by "；"). This keeps the reader's language of each part, and the whole part when it
 * cannot tell the two apart.
 */
export function localReason(reason: string, lang: 'zh' | 'en'): string {
  return reason
    .split('；')
    .map((part) => {
      const slash = part.indexOf(' / ');
      if (slash > 0 && CJK.test(part.slice(0, slash)) && /^[A-Za-z]/.test(part.slice(slash + 3)))
        return lang === 'zh' ? part.slice(0, slash) : part.slice(slash + 3);
      const split = part.match(/^(.*[\u3400-\u9fff）)])\s+([A-Za-z].*)$/);
      if (split?.[1] && split[2] && !CJK.test(split[2].replace(/[:：].*$/, ''))) {
        if (lang === 'en') return split[2];
        // "违禁用语 banned terms: 最、第一": the terms after the colon belong to both languages
        const named = split[2].match(/[:：]\s*(.*)$/)?.[1];
        return named && CJK.test(named) ? `${split[1]}：${named}` : split[1];
      }
      return part;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

interface WithdrawalRow {
  id: number;
  createdAt: string;
  amountFen: number;
  providerRef?: string | null;
}

/** Withdrawals as a table (time, what was withdrawn from when `source` is given, amount, payout reference). */
export function WithdrawalList<W extends WithdrawalRow>({
  loaded,
  title,
  emptyTitle,
  emptyHint,
  source,
}: {
  loaded: Loaded<{ items: W[] }>;
  title: string;
  emptyTitle: string;
  emptyHint: string;
  source?: (w: W) => string;
}) {
  const { t } = useI18n();
  return (
    <>
      <h3>{title}</h3>
      <SkeletonLoadState loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={emptyTitle} hint={emptyHint} />
          ) : (
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.money.col.time')}</th>
                  {source ? <th scope="col">{t('merchant.money.col.source')}</th> : null}
                  <th scope="col">{t('merchant.money.col.amount')}</th>
                  <th scope="col">{t('merchant.money.col.payoutRef')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <DateTime value={w.createdAt} />
                    </td>
                    {source ? <td>{source(w)}</td> : null}
                    <td>
                      <Money fen={w.amountFen} />
                    </td>
                    <td>{w.providerRef ? <code>{w.providerRef}</code> : t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
    </>
  );
}

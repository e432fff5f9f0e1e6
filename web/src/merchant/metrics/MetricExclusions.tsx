import { useI18n } from '../../i18n/index.tsx';
import type { DashboardData } from '../types.ts';

/**
 * What the period's refund and quality-refund rates left out, and why (product rules §7.6): requests of
 * buyers labelled high-refund and freight-abuse returns.
 */
export function MetricExclusions({ exclusions }: { exclusions: DashboardData['exclusions'] }) {
  const { t } = useI18n();
  const none = exclusions.highRefundRequests === 0 && exclusions.freightAbuseReturns === 0;
  return (
    <section
      className="card m-exclusions"
      aria-labelledby="m-exclusions-title"
      data-testid="metric-exclusions"
    >
      <h3 id="m-exclusions-title">{t('exclusions.title')}</h3>
      <p>
        {none
          ? t('exclusions.none')
          : t('exclusions.summary', {
              highRefund: exclusions.highRefundRequests,
              freight: exclusions.freightAbuseReturns,
            })}
      </p>
      <p className="hint">{t('exclusions.why')}</p>
    </section>
  );
}

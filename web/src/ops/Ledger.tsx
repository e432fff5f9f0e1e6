import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../shared/hooks.ts';
import { useSession } from '../shared/session.tsx';
import { Badge, Button, DateTime, LoadState, Money } from '../shared/ui.tsx';
import { PageHead } from './parts.tsx';

/** The ledger check (entries balance, cached balances match, nothing negative): ok, or the problems. */
export function Ledger() {
  const { t } = useI18n();
  const { api } = useSession();
  const [ranAt, setRanAt] = useState<string>();
  const check = useLoad(async () => {
    const result = await unwrap(api.GET('/api/v1/ops/ledger/check'));
    setRanAt(new Date().toISOString());
    return result;
  }, [api]);
  return (
    <section className="stack">
      <PageHead title={t('ops.ledger.title')}>
        <Button kind="secondary" busy={check.loading} onClick={check.reload}>
          {t('ops.ledger.runAgain')}
        </Button>
      </PageHead>
      <LoadState loaded={check}>
        {(c) => (
          <div className="stack">
            <div className="card row" role="status">
              {c.ok ? (
                <Badge tone="ok">{t('ops.ledger.ok')}</Badge>
              ) : (
                <Badge tone="bad">{t('ops.ledger.problems')}</Badge>
              )}
              <span>{t('ops.ledger.entries', { count: c.entries })}</span>
              <span className="hint">
                {t('ops.ledger.ranAt')} <DateTime value={ranAt} />
              </span>
            </div>
            {c.unbalancedEntries.length ? (
              <>
                <h3>{t('ops.ledger.unbalanced')}</h3>
                <table>
                  <thead>
                    <tr>
                      <th>{t('ops.ledger.entry')}</th>
                      <th>{t('ops.ledger.key')}</th>
                      <th>{t('ops.ledger.sum')}</th>
                      <th>{t('ops.ledger.postings')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.unbalancedEntries.map((e) => (
                      <tr key={e.entryId}>
                        <td>#{e.entryId}</td>
                        <td className="o-code">{e.idempotencyKey}</td>
                        <td>
                          <Money fen={e.sumFen} />
                        </td>
                        <td>{e.postings}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
            {c.cachedMismatches.length ? (
              <>
                <h3>{t('ops.ledger.mismatches')}</h3>
                <table>
                  <thead>
                    <tr>
                      <th>{t('ops.ledger.account')}</th>
                      <th>{t('ops.ledger.cached')}</th>
                      <th>{t('ops.ledger.posted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.cachedMismatches.map((m) => (
                      <tr key={m.accountCode}>
                        <td className="o-code">{m.accountCode}</td>
                        <td>
                          <Money fen={m.cachedFen} />
                        </td>
                        <td>
                          <Money fen={m.postedFen} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
            {c.negativeBalances.length ? (
              <>
                <h3>{t('ops.ledger.negative')}</h3>
                <table>
                  <thead>
                    <tr>
                      <th>{t('ops.ledger.account')}</th>
                      <th>{t('ops.ledger.balance')}</th>
                      <th>{t('ops.ledger.lowest')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.negativeBalances.map((m) => (
                      <tr key={m.accountCode}>
                        <td className="o-code">{m.accountCode}</td>
                        <td>
                          <Money fen={m.balanceFen} />
                        </td>
                        <td>
                          <Money fen={m.lowestBucketFen} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
            {c.unknownAccounts.length ? (
              <>
                <h3>{t('ops.ledger.unknown')}</h3>
                <p className="o-code">{c.unknownAccounts.join(', ')}</p>
              </>
            ) : null}
          </div>
        )}
      </LoadState>
    </section>
  );
}

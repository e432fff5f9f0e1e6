import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Button, DateTime, LoadState, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
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
            <AccountAmounts
              title={t('ops.ledger.mismatches')}
              columns={[t('ops.ledger.cached'), t('ops.ledger.posted')]}
              rows={c.cachedMismatches.map((m) => [m.accountCode, m.cachedFen, m.postedFen])}
            />
            <AccountAmounts
              title={t('ops.ledger.negative')}
              columns={[t('ops.ledger.balance'), t('ops.ledger.lowest')]}
              rows={c.negativeBalances.map((m) => [m.accountCode, m.balanceFen, m.lowestBucketFen])}
            />
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

/** Accounts with two amounts each (a finding of the check); nothing when there are none. */
function AccountAmounts({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: [string, string];
  rows: [account: string, first: number, second: number][];
}) {
  const { t } = useI18n();
  if (!rows.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('ops.ledger.account')}</th>
            <th>{columns[0]}</th>
            <th>{columns[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([account, first, second]) => (
            <tr key={account}>
              <td className="o-code">{account}</td>
              <td>
                <Money fen={first} />
              </td>
              <td>
                <Money fen={second} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

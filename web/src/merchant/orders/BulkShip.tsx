import { useId, useState } from 'react';
import type { paths } from '../../api/client.ts';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { FilePicker } from '../../common/file-picker.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage, Form } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';

type BulkResult =
  paths['/api/v1/shops/{id}/order-desk/bulk-shipments']['post']['responses'][200]['content']['application/json'];

/**
 * Ship many orders from a CSV file (order number, carrier, waybill): the server ships each row on its
 * own and answers a result per row, shown here with the reason of every row that did not ship.
 */
export function BulkShip({ onClose, onShipped }: { onClose(): void; onShipped(): void }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [result, setResult] = useState<BulkResult>();
  const upload = useAction(async () => {
    if (!file) return;
    const csv = await file.text();
    const answer = await unwrap(
      api.POST('/api/v1/shops/{id}/order-desk/bulk-shipments', {
        params: { path: { id: shop.id } },
        body: { csv },
      }),
    );
    setResult(answer);
    const summary = t('merchant.bulk.summary', {
      shipped: answer.shipped,
      already: answer.alreadyShipped,
      failed: answer.failed,
    });
    if (answer.failed > 0) toast.error(summary);
    else toast.success(summary);
    if (answer.shipped > 0) onShipped();
  });
  return (
    <section className="card m-bulk-ship" aria-labelledby={`${fileId}-title`}>
      <div className="row m-bulk-head">
        <h3 id={`${fileId}-title`}>{t('merchant.bulk.title')}</h3>
        <Button kind="secondary" onClick={onClose}>
          {t('merchant.bulk.close')}
        </Button>
      </div>
      <p className="hint">{t('merchant.bulk.intro')}</p>
      <Form className="m-inline-form" label={t('merchant.bulk.title')} onSubmit={() => upload.run()}>
        <FilePicker
          id={fileId}
          label={t('merchant.bulk.file')}
          accept=".csv,text/csv"
          required
          onChange={(files) => {
            setFile(files[0]);
            setResult(undefined);
          }}
        />
        <Button type="submit" busy={upload.busy} disabled={!file}>
          {t('merchant.bulk.submit')}
        </Button>
      </Form>
      <ErrorMessage error={upload.error} />
      {result ? (
        <>
          <p role="status">
            {t('merchant.bulk.summary', {
              shipped: result.shipped,
              already: result.alreadyShipped,
              failed: result.failed,
            })}
          </p>
          <table className="m-bulk-results">
            <caption>{t('merchant.bulk.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('merchant.bulk.col.line')}</th>
                <th scope="col">{t('merchant.bulk.col.order')}</th>
                <th scope="col">{t('merchant.bulk.col.carrier')}</th>
                <th scope="col">{t('merchant.bulk.col.waybill')}</th>
                <th scope="col">{t('merchant.bulk.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.line} data-line={r.line} data-outcome={r.outcome}>
                  <td>{r.line}</td>
                  <td>{r.orderId ? `#${r.orderId}` : '—'}</td>
                  <td>{r.carrier ? tEnum('merchant.carrier.', r.carrier) : '—'}</td>
                  <td>{r.trackingNumber ?? '—'}</td>
                  <td>
                    <Badge tone={r.outcome === 'failed' ? 'bad' : 'ok'}>
                      {tEnum('merchant.bulk.outcome.', r.outcome)}
                    </Badge>
                    {r.reason ? (
                      <div className="m-bulk-reason">{tEnum('merchant.bulk.reason.', r.reason)}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, LoadState, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CreatorSession } from './types.ts';

/** A session's pinned products with the commission fixed when each was pinned; unpin while open. */
export function SessionPins({ session, onChange }: { session: CreatorSession; onChange(): void }) {
  const { t, percent } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const detail = useLoad(
    () =>
      open
        ? unwrap(api.GET('/api/v1/live/sessions/{id}', { params: { path: { id: session.id } } }))
        : Promise.resolve(undefined),
    [api, session.id, open],
  );
  const unpin = useAction(async (productId: number, title: string) => {
    await unwrap(
      api.DELETE('/api/v1/live/sessions/{id}/pins/{productId}', {
        params: { path: { id: session.id, productId } },
      }),
    );
    toast.success(t('merchant.creator.pins.unpinned', { title }));
    detail.reload();
    onChange();
  });
  const editable = session.state === 'scheduled' || session.state === 'live';
  return (
    <div className="stack">
      <div className="row">
        <span>{t('merchant.creator.pins.count', { n: session.pinnedCount })}</span>
        <Button kind="link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('merchant.creator.pins.hide') : t('merchant.creator.pins.show')}
        </Button>
      </div>
      {open ? (
        <LoadState loaded={detail}>
          {(d) =>
            !d || d.pins.length === 0 ? (
              <p className="hint">{t('merchant.creator.pins.none')}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t('merchant.creator.pins.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.creator.col.product')}</th>
                    <th scope="col">{t('merchant.creator.col.price')}</th>
                    <th scope="col">{t('merchant.creator.col.commission')}</th>
                    {editable ? <th scope="col">{t('merchant.creator.col.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {d.pins.map((p) => (
                    <tr key={p.productId}>
                      <td data-user-text>{p.title}</td>
                      <td>
                        <Money fen={p.minPriceFen} />
                      </td>
                      <td>{percent(p.commissionBp / 10_000, 1)}</td>
                      {editable ? (
                        <td>
                          <Button
                            kind="secondary"
                            busy={unpin.busy}
                            onClick={() => void unpin.run(p.productId, p.title)}
                          >
                            {t('merchant.creator.pins.unpin')}
                          </Button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </LoadState>
      ) : null}
      <ErrorMessage error={unpin.error} />
    </div>
  );
}

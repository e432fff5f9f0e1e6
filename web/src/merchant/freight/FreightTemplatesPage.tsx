import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { type FreightTemplate, gramsToKg, regionList } from './freight-types.ts';
import { TemplateEditor } from './TemplateEditor.tsx';
import './freight.css';

function useTemplates() {
  const api = useApi();
  const { shop } = useShop();
  return useLoad(
    () =>
      unwrap(api.GET('/api/v1/shops/{id}/freight-templates', { params: { path: { id: shop.id } } })).then(
        (r) => r.items,
      ),
    [api, shop.id],
  );
}

/** "首 1 件 ¥8.00，每增加 1 件 +¥2.00" / "首重 1 kg ¥12.00，每增加 1 kg +¥4.00". */
export function useFeeText() {
  const { t, money } = useI18n();
  return (tpl: Pick<FreightTemplate, 'mode' | 'firstUnits' | 'firstFen' | 'extraUnits' | 'extraFen'>) =>
    tpl.mode === 'weight'
      ? t('freight.fees.weight', {
          first: gramsToKg(tpl.firstUnits),
          firstFee: money(tpl.firstFen),
          extra: gramsToKg(tpl.extraUnits),
          extraFee: money(tpl.extraFen),
        })
      : t('freight.fees.piece', {
          first: tpl.firstUnits,
          firstFee: money(tpl.firstFen),
          extra: tpl.extraUnits,
          extraFee: money(tpl.extraFen),
        });
}

/** /merchant/freight: the shop's freight templates (运费模板), the default first; delete with confirmation. */
export function FreightTemplatesPage() {
  const { t, tEnum, money, lang } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const confirm = useConfirm();
  const toast = useToast();
  const templates = useTemplates();
  const feeText = useFeeText();
  const remove = useAction(async (tpl: FreightTemplate) => {
    const ok = await confirm({
      title: t('freight.deleteTitle', { name: tpl.name }),
      body: tpl.isDefault ? t('freight.deleteBodyDefault') : t('freight.deleteBody'),
      confirmLabel: t('freight.deleteConfirm'),
      danger: true,
    });
    if (!ok) return undefined;
    const done = await unwrap(
      api.DELETE('/api/v1/shops/{id}/freight-templates/{templateId}', {
        params: { path: { id: shop.id, templateId: tpl.id } },
      }),
    );
    toast.success(t('freight.deleted'));
    templates.reload();
    return done;
  });
  return (
    <section className="stack">
      <PageHead title={t('freight.title')}>
        <Link className="btn btn-primary" to="/merchant/freight/new">
          {t('freight.new')}
        </Link>
      </PageHead>
      <p className="hint">{t('freight.intro')}</p>
      <SkeletonLoadState loaded={templates}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('freight.empty')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{t('freight.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('freight.col.name')}</th>
                  <th scope="col">{t('freight.col.fees')}</th>
                  <th scope="col">{t('freight.col.freeOver')}</th>
                  <th scope="col">{t('freight.col.regions')}</th>
                  <th scope="col">{t('freight.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((tpl) => {
                  const remote = tpl.regions.filter((r) => r.remote).flatMap((r) => r.codes);
                  return (
                    <tr key={tpl.id}>
                      <td>
                        <span data-user-text>{tpl.name}</span>{' '}
                        {tpl.isDefault ? <Badge tone="brand">{t('freight.default')}</Badge> : null}
                        <br />
                        <small className="hint">{tEnum('freight.mode.', tpl.mode)}</small>
                      </td>
                      <td>{feeText(tpl)}</td>
                      <td>
                        {tpl.freeOverFen === null
                          ? t('freight.noFreeOver')
                          : t('freight.freeOver', { amount: money(tpl.freeOverFen) })}
                      </td>
                      <td>
                        {tpl.regions.length === 0 && tpl.excludedCodes.length === 0 ? (
                          t('freight.summary.none')
                        ) : (
                          <ul className="plain">
                            {tpl.regions.length > 0 ? (
                              <li>{t('freight.summary.rules', { n: tpl.regions.length })}</li>
                            ) : null}
                            {remote.length > 0 ? (
                              <li>{t('freight.summary.remote', { names: regionList(remote, lang) })}</li>
                            ) : null}
                            {tpl.excludedCodes.length > 0 ? (
                              <li>
                                {t('freight.summary.excluded', {
                                  names: regionList(tpl.excludedCodes, lang),
                                })}
                              </li>
                            ) : null}
                          </ul>
                        )}
                      </td>
                      <td>
                        <div className="row">
                          <Link
                            to={`/merchant/freight/${tpl.id}`}
                            aria-label={t('freight.editNamed', { name: tpl.name })}
                          >
                            {t('freight.edit')}
                          </Link>
                          <Button
                            kind="danger"
                            busy={remove.busy}
                            aria-label={t('freight.deleteNamed', { name: tpl.name })}
                            onClick={() => void remove.run(tpl)}
                          >
                            {t('freight.delete')}
                          </Button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={remove.error} />
    </section>
  );
}

/** /merchant/freight/new and /merchant/freight/:templateId. */
export function FreightTemplateEditorPage() {
  const { templateId } = useParams();
  const { t } = useI18n();
  const templates = useTemplates();
  return (
    <SkeletonLoadState loaded={templates}>
      {(items) => {
        const template = templateId ? items.find((x) => x.id === Number(templateId)) : undefined;
        if (templateId && !template) return <p className="empty">{t('error.not_found')}</p>;
        return (
          <TemplateEditor key={templateId ?? 'new'} template={template} firstOfShop={items.length === 0} />
        );
      }}
    </SkeletonLoadState>
  );
}

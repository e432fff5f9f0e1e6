import { useId } from 'react';
import { unwrap } from '../../api/client.ts';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { FilePicker } from '../../common/file-picker.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import type { Product } from '../types.ts';
import './products.css';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type ImageType = (typeof TYPES)[number];
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES = 9;

/**
 * The product's images: upload several (each checked here for type and size before it is sent, and
 * again by the server), reorder, make one the main image, remove. The first image is the main one.
 */
export function ProductImages({ product, onChange }: { product: Product; onChange(p: Product): void }) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const { shop } = useShop();
  const inputId = useId();
  const path = { id: shop.id, productId: product.id };
  const images = product.images;

  const upload = useAction(async (files: File[]) => {
    let latest = product;
    let done = 0;
    for (const file of files) {
      if (!(TYPES as readonly string[]).includes(file.type)) {
        toast.error(t('merchant.images.badType', { name: file.name }));
        continue;
      }
      if (file.size > MAX_BYTES) {
        toast.error(t('merchant.images.tooBig', { name: file.name }));
        continue;
      }
      if (latest.images.length >= MAX_IMAGES) {
        toast.error(t('merchant.images.tooMany'));
        break;
      }
      latest = await unwrap(
        api.POST('/api/v1/shops/{id}/products/{productId}/images', {
          params: { path },
          body: file as unknown as string,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { 'content-type': file.type as ImageType },
        }),
      );
      onChange(latest);
      done++;
    }
    if (done > 0) toast.success(t('merchant.images.uploaded', { n: done }));
    return latest;
  });

  const reorder = useAction(async (ids: number[], message: string) => {
    const next = await unwrap(
      api.PUT('/api/v1/shops/{id}/products/{productId}/images/order', {
        params: { path },
        body: { imageIds: ids },
      }),
    );
    onChange(next);
    toast.success(message);
    return next;
  });

  const makeMain = useAction(async (imageId: number) => {
    const next = await unwrap(
      api.POST('/api/v1/shops/{id}/products/{productId}/images/{imageId}/main', {
        params: { path: { ...path, imageId } },
      }),
    );
    onChange(next);
    toast.success(t('merchant.images.mainSet'));
    return next;
  });

  const remove = useAction(async (imageId: number, n: number) => {
    const ok = await confirm({
      title: t('merchant.images.confirmRemoveTitle', { n }),
      body: t(
        product.state === 'listed'
          ? 'merchant.images.confirmRemoveListedBody'
          : 'merchant.images.confirmRemoveBody',
      ),
      confirmLabel: t('merchant.images.confirmRemoveOk'),
      danger: true,
    });
    if (!ok) return;
    const next = await unwrap(
      api.DELETE('/api/v1/shops/{id}/products/{productId}/images/{imageId}', {
        params: { path: { ...path, imageId } },
      }),
    );
    onChange(next);
    toast.success(t('merchant.images.removed'));
    return next;
  });

  const move = (from: number, to: number) => {
    const ids = images.map((i) => i.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    void reorder.run(ids, t('merchant.images.moved'));
  };
  const busy = upload.busy || reorder.busy || makeMain.busy || remove.busy;
  const error = upload.error ?? reorder.error ?? makeMain.error ?? remove.error;

  return (
    <section className="card stack" aria-labelledby="images-title">
      <h3 id="images-title">{t('merchant.images.title')}</h3>
      <p className="hint">{t('merchant.images.hint')}</p>
      {product.state === 'listed' ? <p className="hint">{t('merchant.images.listedHint')}</p> : null}
      {images.length === 0 ? (
        <p className="empty">{t('merchant.images.empty')}</p>
      ) : (
        <ol className="m-images">
          {images.map((image, i) => {
            const n = i + 1;
            return (
              <li key={image.id} className={i === 0 ? 'm-image m-image-main' : 'm-image'}>
                <img
                  src={image.thumbnailUrl}
                  alt={t('merchant.images.alt', { n })}
                  width={120}
                  height={120}
                />
                {i === 0 ? <span className="badge badge-ok">{t('merchant.images.main')}</span> : null}
                <fieldset className="m-image-actions m-plain-fieldset">
                  <legend className="visually-hidden">{t('merchant.images.actionsFor', { n })}</legend>
                  {i > 0 ? (
                    <Button kind="secondary" disabled={busy} onClick={() => void makeMain.run(image.id)}>
                      {t('merchant.images.setMain')}
                    </Button>
                  ) : null}
                  {i > 0 ? (
                    <Button kind="link" disabled={busy} onClick={() => move(i, i - 1)}>
                      {t('merchant.images.moveEarlier')}
                    </Button>
                  ) : null}
                  {i < images.length - 1 ? (
                    <Button kind="link" disabled={busy} onClick={() => move(i, i + 1)}>
                      {t('merchant.images.moveLater')}
                    </Button>
                  ) : null}
                  <Button kind="link" disabled={busy} onClick={() => void remove.run(image.id, n)}>
                    {t('merchant.images.remove')}
                  </Button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {images.length < MAX_IMAGES ? (
        <FilePicker
          id={inputId}
          label={t('merchant.images.uploadLabel')}
          labelHidden
          buttonText={upload.busy ? t('merchant.images.uploading') : t('merchant.images.upload')}
          showChosen={false}
          accept={TYPES.join(',')}
          multiple
          disabled={busy}
          onChange={(files, e) => {
            e.target.value = '';
            if (files.length > 0) void upload.run(files);
          }}
        />
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}

import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Thumb } from './parts.tsx';
import type { Product } from './types.ts';
import './gallery.css';

/** The product page's images: the main one large, the others as thumbnails to switch to. */
export function ProductGallery({ product: p }: { product: Product }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(0);
  const image = p.images[shown] ?? p.images[0];
  return (
    <div className="product-hero stack">
      {image ? (
        <img
          className="thumb thumb-xl gallery-main"
          src={image.url}
          alt={t('buyer.gallery.image', { n: shown + 1, total: p.images.length })}
        />
      ) : (
        <Thumb title={p.title} imageUrl={p.imageUrl} size="xl" />
      )}
      {p.images.length > 1 ? (
        <div className="gallery-strip">
          {p.images.map((img, i) => (
            <button
              key={img.id}
              type="button"
              className="gallery-pick"
              aria-label={t('buyer.gallery.show', { n: i + 1 })}
              aria-pressed={i === shown}
              onClick={() => setShown(i)}
            >
              <img src={img.thumbnailUrl} alt="" width={56} height={56} loading="lazy" />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

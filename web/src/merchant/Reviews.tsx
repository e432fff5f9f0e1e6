import { useId, useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, SelectField, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';

type ShopReview =
  paths['/api/v1/shops/{id}/reviews']['get']['responses']['200']['content']['application/json']['items'][number];
type ReportBody = NonNullable<
  paths['/api/v1/reviews/{id}/reports']['post']['requestBody']
>['content']['application/json'];
type ReportReason = ReportBody['reason'];

const REASONS: ReportReason[] = ['extortion', 'fake_experience', 'competitor', 'abusive', 'other'];
const REPORT_TONE = { open: 'warn', upheld: 'ok', dismissed: 'neutral' } as const;

/** /merchant/reviews: the shop's reviews; a malicious one is reported to the platform with the reason. */
export function ReviewsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const filterId = useId();
  const [maxRating, setMaxRating] = useState<number | undefined>();
  const reviews = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/reviews', {
          params: {
            path: { id: shop.id },
            query: { limit: 100, ...(maxRating ? { maxRating } : {}) },
          },
        }),
      ),
    [api, shop.id, maxRating],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.reviews.title')}>
        <label htmlFor={filterId}>{t('merchant.reviews.filter')}</label>
        <select
          id={filterId}
          value={maxRating ?? ''}
          onChange={(e) => setMaxRating(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t('merchant.reviews.filterAll')}</option>
          <option value="2">{t('merchant.reviews.filterLow')}</option>
        </select>
      </PageHead>
      <p className="hint">{t('merchant.reviews.intro')}</p>
      <SkeletonLoadState loaded={reviews}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.reviews.empty')}
              hint={t('merchant.reviews.emptyHint')}
              action={{ label: t('merchant.nav.products'), to: '/merchant/products' }}
            />
          ) : (
            <div className="stack">
              {page.items.map((r) => (
                <ReviewCard key={r.id} review={r} onReported={reviews.reload} />
              ))}
            </div>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function ReviewCard({ review: r, onReported }: { review: ShopReview; onReported(): void }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('extortion');
  const [text, setText] = useState('');
  const report = useAction(async () => {
    const filed = await unwrap(
      api.POST('/api/v1/reviews/{id}/reports', {
        params: { path: { id: r.id } },
        body: { reason, text: text.trim() },
      }),
    );
    toast.success(t('merchant.reviews.reported'));
    setOpen(false);
    setText('');
    onReported();
    return filed;
  });
  const label = t('merchant.reviews.cardLabel', { author: r.author.displayName, product: r.productTitle });
  const canReport = !r.report || r.report.state === 'dismissed';
  return (
    <article className="card stack" aria-label={label}>
      <div className="row">
        <strong data-user-text>{r.productTitle}</strong>
        <span role="img" aria-label={t('merchant.reviews.rating', { n: r.rating })}>
          {'★'.repeat(r.rating)}
          {'☆'.repeat(5 - r.rating)}
        </span>
        <small className="hint">
          <span data-user-text>{r.author.displayName}</span> · <DateTime value={r.createdAt} />
        </small>
      </div>
      <p data-user-text>{r.text}</p>
      {r.report ? (
        <p className="row">
          <Badge tone={REPORT_TONE[r.report.state]}>
            {tEnum('merchant.reviews.reportState.', r.report.state)}
          </Badge>
          <span className="hint">
            {tEnum('merchant.reviews.reason.', r.report.reason)} · <DateTime value={r.report.createdAt} />
          </span>
        </p>
      ) : null}
      {canReport && !open ? (
        <div>
          <Button kind="secondary" onClick={() => setOpen(true)}>
            {t('merchant.reviews.report')}
          </Button>
        </div>
      ) : null}
      {open ? (
        <Form className="form" label={t('merchant.reviews.reportForm')} onSubmit={() => report.run()}>
          <SelectField
            label={t('merchant.reviews.reasonLabel')}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as ReportReason)}
            error={report.error}
          >
            {REASONS.map((x) => (
              <option key={x} value={x}>
                {tEnum('merchant.reviews.reason.', x)}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('merchant.reviews.text')}
            name="text"
            rows={3}
            required
            maxLength={1000}
            hint={t('merchant.reviews.textHint')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={report.error}
          />
          <ErrorMessage error={report.error} />
          <div className="row">
            <Button type="submit" busy={report.busy}>
              {t('merchant.reviews.submit')}
            </Button>
            <Button kind="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

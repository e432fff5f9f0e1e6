import { Link } from 'react-router';
import { type Api, unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { markSpans } from '../../common/mark-spans.ts';
import { useApi } from '../../common/session.tsx';
import { LoadState, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Features, FiredRules, OutcomeBadge } from '../parts.tsx';

type Span = readonly [number, number] | number[];

/** `text` with the given spans wrapped in <mark>. */
export function MarkedText({ text, spans }: { text: string; spans: Span[] }) {
  return (
    <>
      {markSpans(
        text,
        spans.map((s) => [s[0] ?? 0, s[1] ?? 0] as const),
      ).map((piece, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
        piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
      )}
    </>
  );
}

const SCREENED = ['live_comment', 'review', 'video', 'live_session', 'chat_message'] as const;
type Screened = (typeof SCREENED)[number];
const isScreened = (type: string): type is Screened => (SCREENED as readonly string[]).includes(type);

async function screen(api: Api, text: string) {
  if (!text.trim()) return { hits: [], version: 0, risk: 'none' as const };
  // screened as a listing: the categories and model thresholds of listings
  return unwrap(api.POST('/api/v1/ops/screening/test', { body: { text, surface: 'listing' } }));
}

/** The listing as the buyer would read it: images, title and description with what the lexicon matches marked. */
export function ListingSubject({ productId }: { productId: number }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const loaded = useLoad(async () => {
    const product = await unwrap(
      api.GET('/api/v1/ops/products/{id}', { params: { path: { id: productId } } }),
    );
    const [title, description] = await Promise.all([
      screen(api, product.title),
      screen(api, product.description ?? ''),
    ]);
    return { product, title, description };
  }, [api, productId]);
  return (
    <LoadState loaded={loaded}>
      {({ product: p, title, description }) => {
        const images = (p as { images?: { id: number; url: string; thumbnailUrl: string }[] }).images ?? [];
        const shown = images.length
          ? images.map((i) => ({ key: i.id, src: i.thumbnailUrl }))
          : p.imageUrl
            ? [{ key: 0, src: p.imageUrl }]
            : [];
        const hits = [...title.hits, ...description.hits];
        return (
          <div className="stack">
            {shown.length ? (
              <ul className="o-images plain" aria-label={t('ops.triage.images')}>
                {shown.map((img) => (
                  <li key={img.key}>
                    <img src={img.src} alt={t('ops.triage.imageAlt', { title: p.title })} loading="lazy" />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('ops.triage.noImages')}</p>
            )}
            <h3 className="o-subject-title" data-raw>
              <MarkedText text={p.title} spans={title.hits.map((h) => h.span)} />
            </h3>
            <dl className="o-dl">
              <dt>{t('ops.triage.shop')}</dt>
              <dd data-raw>{p.shopName}</dd>
              <dt>{t('ops.triage.category')}</dt>
              <dd>
                {p.categoryName}
                {p.brand ? ` · ${p.brand.name}` : ''}
              </dd>
              <dt>{t('ops.triage.price')}</dt>
              <dd>
                {p.skus.length ? (
                  <Money fen={Math.min(...p.skus.map((s) => s.priceFen))} />
                ) : (
                  t('ops.queues.none')
                )}
              </dd>
            </dl>
            <h4>{t('ops.triage.description')}</h4>
            <p className="o-quote" data-raw>
              <MarkedText text={p.description ?? ''} spans={description.hits.map((h) => h.span)} />
            </p>
            <h4>{t('ops.triage.matched')}</h4>
            {hits.length ? (
              <ul className="o-hits">
                {hits.map((h) => (
                  <li key={`${h.term}@${h.span[0]}-${h.match}`}>
                    <mark>{h.match}</mark> · {tEnum('ops.screening.', h.category)} ·{' '}
                    {tEnum('ops.risk.', h.severity)}
                    {h.counted ? null : (
                      <span className="hint">
                        {' '}
                        · {tEnum('ops.evidence.notCounted.', h.why, t('ops.evidence.notCounted'))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('ops.triage.noMatch')}</p>
            )}
          </div>
        );
      }}
    </LoadState>
  );
}

/** A comment, review, caption or title as its author wrote it, with the matches marked. */
export function ContentSubject({ type, id }: { type: Screened; id: number }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/screening/content/{subjectType}/{subjectId}', {
          params: { path: { subjectType: type, subjectId: id } },
        }),
      ),
    [api, type, id],
  );
  return (
    <LoadState loaded={loaded}>
      {({ content, screening, evidence }) => {
        // what fired when the text was decided (today's screening when nothing was kept)
        const kept = evidence[0]?.text === content.text ? evidence[0] : undefined;
        const finding = kept ?? screening;
        const flagged = finding.model.filter((m) => m.flagged);
        return (
          <div className="stack">
            <h4>{t('ops.triage.comment')}</h4>
            <blockquote className="o-quote o-as-written" data-raw>
              <MarkedText text={content.text} spans={finding.hits.map((h) => h.span)} />
            </blockquote>
            <dl className="o-dl">
              <dt>{t('ops.triage.author')}</dt>
              <dd data-raw>{content.author.name}</dd>
              {content.place ? (
                <>
                  <dt>{t('ops.triage.where')}</dt>
                  <dd>
                    {tEnum('ops.subject.', content.place.type, '')} {content.place.title}
                  </dd>
                </>
              ) : null}
            </dl>
            {finding.hits.length ? (
              <ul className="o-hits">
                {finding.hits.map((h) => (
                  <li key={`${h.term}@${h.span[0]}`}>
                    <mark>{content.text.slice(h.span[0], h.span[1])}</mark> ·{' '}
                    {tEnum('ops.screening.', h.category)}
                    {h.counted ? null : (
                      <span className="hint">
                        {' '}
                        · {tEnum('ops.evidence.notCounted.', h.notCounted, t('ops.evidence.notCounted'))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {flagged.length ? (
              <p>
                {t('ops.evidence.modelLine', {
                  scores: flagged
                    .map((m) =>
                      t('ops.evidence.scoreLine', {
                        category: tEnum('ops.screening.', m.category),
                        score: m.score.toFixed(2),
                        flagAt: m.flagAt === null ? t('ops.evidence.noThreshold') : m.flagAt.toFixed(2),
                      }),
                    )
                    .join('；'),
                })}
              </p>
            ) : null}
          </div>
        );
      }}
    </LoadState>
  );
}

/** The risk decision that held the item: the rules that fired and the values they read. */
export function CaseDecision({ caseId }: { caseId: number }) {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/ops/trust/cases/{id}', { params: { path: { id: caseId } } })),
    [api, caseId],
  );
  return (
    <LoadState loaded={loaded}>
      {(c) => (
        <div className="stack">
          <h4>
            {t('ops.triage.rules')} <OutcomeBadge outcome={c.decision.outcome} />
          </h4>
          <FiredRules fired={c.decision.fired} />
          <details>
            <summary>{t('ops.decision.features')}</summary>
            <Features features={c.decision.features} />
          </details>
          <Link to={`/ops/cases/${c.id}`}>{t('ops.triage.openCase')}</Link>
        </div>
      )}
    </LoadState>
  );
}

/** Whether a subject of this type can be shown inline (a listing, a text as written, a complaint). */
export const showsInline = (type: string) =>
  type === 'product' || type === 'ip_complaint' || isScreened(type);

/** What the reviewer decides on, shown inline: the listing, the text as written, or the case's facts. */
export function Subject({
  subject,
  caseId,
}: {
  subject: { type: string; id: number };
  caseId: number | null;
}) {
  const { t } = useI18n();
  return (
    <div className="stack">
      {subject.type === 'product' ? (
        <ListingSubject productId={subject.id} />
      ) : isScreened(subject.type) ? (
        <ContentSubject type={subject.type} id={subject.id} />
      ) : subject.type === 'ip_complaint' ? (
        <p>
          <Link to={`/ops/ip?id=${subject.id}`}>{t('ops.triage.openIp')}</Link>
        </p>
      ) : null}
      {caseId ? <CaseDecision caseId={caseId} /> : null}
    </div>
  );
}

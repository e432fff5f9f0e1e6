import { useEffect, useState } from 'react';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { Button, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { TopicTag } from './VoiceOverview.tsx';
import {
  type FeedbackItem,
  type FeedbackPage,
  SOURCES,
  type Source,
  TOPICS,
  type Topic,
} from './voice-types.ts';

export interface ExampleQuery {
  topic?: Topic;
  source?: Source;
  skuId?: number;
  limit: number;
  offset: number;
}

const PAGE = 20;

/**
 * Examples of the feedback behind the topics, newest first, in the buyers' own words (marked as user
 * text), filtered by topic and source, and by a SKU picked in the table above.
 */
export function FeedbackExamples({
  load,
  sku,
  onClearSku,
  showShop,
}: {
  load: (query: ExampleQuery) => Promise<FeedbackPage>;
  sku?: { skuId: number; item: string | null };
  onClearSku: () => void;
  showShop: boolean;
}) {
  const { t, tEnum } = useI18n();
  const [topic, setTopic] = useState<Topic | ''>('');
  const [source, setSource] = useState<Source | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const skuId = sku?.skuId;
  // A new filter starts from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters reset the page
  useEffect(() => setLimit(PAGE), [topic, source, skuId]);
  const page = useLoad(
    () =>
      load({
        ...(topic ? { topic } : {}),
        ...(source ? { source } : {}),
        ...(skuId ? { skuId } : {}),
        limit,
        offset: 0,
      }),
    [load, topic, source, skuId, limit],
  );
  return (
    <section className="stack" data-testid="voice-examples">
      <h3>{t('voice.examples')}</h3>
      <div className="row">
        <SelectField
          label={t('voice.examples.filterTopic')}
          name="topic"
          value={topic}
          onChange={(e) => setTopic(e.target.value as Topic | '')}
        >
          <option value="">{t('voice.examples.allTopics')}</option>
          {TOPICS.map((tp) => (
            <option key={tp} value={tp}>
              {tEnum('voice.topic.', tp)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('voice.examples.filterSource')}
          name="source"
          value={source}
          onChange={(e) => setSource(e.target.value as Source | '')}
        >
          <option value="">{t('voice.examples.allSources')}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {tEnum('voice.source.', s)}
            </option>
          ))}
        </SelectField>
        {sku ? (
          <span>
            {t('voice.example.skuFilter', { item: '' })}
            <span data-user-text>{sku.item ?? t('voice.example.noItem')}</span>{' '}
            <Button kind="link" onClick={onClearSku}>
              {t('voice.example.clearSku')}
            </Button>
          </span>
        ) : null}
      </div>
      <SkeletonLoadState loaded={page} rows={4}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="empty">{t('voice.examples.none')}</p>
          ) : (
            <>
              <ul className="v-examples">
                {p.items.map((item) => (
                  <Example key={item.id} item={item} showShop={showShop} />
                ))}
              </ul>
              <p className="hint">{t('voice.examples.shown', { n: p.items.length, total: p.total })}</p>
              {p.items.length < p.total && limit < 100 ? (
                <Button kind="secondary" onClick={() => setLimit((l) => Math.min(100, l + PAGE))}>
                  {t('voice.examples.more')}
                </Button>
              ) : null}
            </>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function Example({ item, showShop }: { item: FeedbackItem; showShop: boolean }) {
  const { t, tEnum, dateTime } = useI18n();
  return (
    <li className="v-example" data-testid="voice-example">
      <div className="row">
        {item.topics.map((topic) => (
          <TopicTag key={topic} topic={topic} />
        ))}
        <small>{tEnum('voice.source.', item.source)}</small>
        {item.rating !== null ? <small>{t('voice.example.rating', { n: item.rating })}</small> : null}
        <small>{dateTime(item.at)}</small>
      </div>
      {item.text ? <p data-user-text>{item.text}</p> : <p className="hint">{t('voice.example.noText')}</p>}
      <small className="hint">
        {item.reason
          ? `${t('voice.example.reason', { reason: tEnum('voice.reason.', item.reason) })} · `
          : null}
        {showShop ? (
          <>
            <span data-user-text>{item.shopName}</span>
            {' · '}
          </>
        ) : null}
        <span data-user-text>{item.item ?? t('voice.example.noItem')}</span>
      </small>
    </li>
  );
}

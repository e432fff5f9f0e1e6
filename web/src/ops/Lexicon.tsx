import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  SelectField,
  TextArea,
  TextField,
} from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { ScreeningFinding } from './ScreeningFinding.tsx';

const CATEGORIES = [
  'off_platform',
  'false_advertising',
  'medical_claim',
  'absolute_terms',
  'hype',
  'extortion',
  'vulgarity',
  'fake_giveaway',
  'recycling_scam',
] as const;
const SURFACES = [
  'live_comment',
  'live_title',
  'listing',
  'review',
  'video_caption',
  'chat_message',
] as const;
type Surface = (typeof SURFACES)[number];
const KINDS = ['literal', 'pattern'] as const;
const SEVERITIES = ['low', 'high'] as const;
const LANGS = ['zh', 'en'] as const;
type Category = (typeof CATEGORIES)[number];
const PAGE = 20;

/**
 * The screening lexicon (versioned): the entries in force with the version that added each, filters,
 * adding an entry or removing one (each a new version, in force at once), and a text to try.
 */
export function Lexicon() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const confirm = useConfirm();
  const toast = useToast();
  const [category, setCategory] = useState<Category | ''>('');
  const [lang, setLang] = useState<'zh' | 'en' | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const terms = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/screening/terms', {
          params: {
            query: {
              limit: PAGE,
              offset,
              category: category || undefined,
              lang: lang || undefined,
              q: q.trim() || undefined,
            },
          },
        }),
      ),
    [api, category, lang, q, offset],
  );
  const remove = useAction(async (id: number, term: string) => {
    const ok = await confirm({
      title: t('ops.lexicon.removeTitle', { term }),
      body: t('ops.lexicon.removeBody', { term }),
      confirmLabel: t('ops.lexicon.remove'),
      danger: true,
    });
    if (!ok) return;
    const removed = await unwrap(
      api.DELETE('/api/v1/ops/screening/terms/{id}', { params: { path: { id } } }),
    );
    toast.success(t('ops.lexicon.removed', { term, version: removed.version }));
    terms.reload();
  });
  return (
    <section className="stack">
      <PageHead title={t('ops.lexicon.title')} />
      <div className="o-split">
        <div className="stack">
          <form className="row" aria-label={t('ops.lexicon.filter')} onSubmit={(e) => e.preventDefault()}>
            <TextField
              label={t('ops.lexicon.q')}
              name="q"
              type="search"
              value={q}
              maxLength={100}
              onChange={(e) => {
                setQ(e.target.value);
                setOffset(0);
              }}
            />
            <SelectField
              label={t('ops.lexicon.category')}
              name="category"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value as Category | '');
                setOffset(0);
              }}
            >
              <option value="">{t('ops.lexicon.allCategories')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tEnum('ops.screening.', c)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('ops.lexicon.lang')}
              name="lang"
              value={lang}
              onChange={(e) => {
                setLang(e.target.value as 'zh' | 'en' | '');
                setOffset(0);
              }}
            >
              <option value="">{t('ops.lexicon.allLangs')}</option>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`ops.lexicon.lang.${l}` as MessageKey)}
                </option>
              ))}
            </SelectField>
          </form>
          <SkeletonLoadState loaded={terms}>
            {(d) => (
              <>
                <p role="status">{t('ops.lexicon.version', { version: d.version, total: d.total })}</p>
                {d.items.length ? (
                  <table aria-label={t('ops.lexicon.title')}>
                    <thead>
                      <tr>
                        <th>{t('ops.lexicon.term')}</th>
                        <th>{t('ops.lexicon.category')}</th>
                        <th>{t('ops.lexicon.severity')}</th>
                        <th>{t('ops.lexicon.lang')}</th>
                        <th>{t('ops.lexicon.addedIn')}</th>
                        <th>{t('ops.lexicon.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((term) => (
                        <tr key={term.id}>
                          <td>
                            <code>{term.term}</code>{' '}
                            <small className="hint">{t(`ops.lexicon.kind.${term.kind}` as MessageKey)}</small>
                          </td>
                          <td>{tEnum('ops.screening.', term.category)}</td>
                          <td>
                            <Badge tone={term.severity === 'high' ? 'bad' : 'warn'}>
                              {t(`ops.lexicon.severity.${term.severity}` as MessageKey)}
                            </Badge>
                          </td>
                          <td>{t(`ops.lexicon.lang.${term.lang}` as MessageKey)}</td>
                          <td>
                            v{term.addedIn} ·{' '}
                            {term.createdBy === null ? t('ops.lexicon.default') : t('ops.lexicon.byOps')}
                            <br />
                            <small>
                              <DateTime value={term.createdAt} />
                            </small>
                          </td>
                          <td>
                            <Button
                              kind="link"
                              busy={remove.busy}
                              aria-label={`${t('ops.lexicon.remove')} ${term.term}`}
                              onClick={() => void remove.run(term.id, term.term)}
                            >
                              {t('ops.lexicon.remove')}
                            </Button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <Empty>{t('ops.lexicon.empty')}</Empty>
                )}
                <div className="row">
                  <Button
                    kind="secondary"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE))}
                  >
                    {t('ops.lexicon.prev')}
                  </Button>
                  <span>
                    {t('ops.lexicon.page', {
                      page: Math.floor(offset / PAGE) + 1,
                      pages: Math.max(1, Math.ceil(d.total / PAGE)),
                    })}
                  </span>
                  <Button
                    kind="secondary"
                    disabled={offset + PAGE >= d.total}
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    {t('ops.lexicon.next')}
                  </Button>
                </div>
              </>
            )}
          </SkeletonLoadState>
          <ErrorMessage error={remove.error} />
        </div>
        <div className="stack">
          <AddTerm onSaved={terms.reload} />
          <TryText />
        </div>
      </div>
    </section>
  );
}

function AddTerm({ onSaved }: { onSaved(): void }) {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const toast = useToast();
  const [term, setTerm] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('literal');
  const [category, setCategory] = useState<Category>('off_platform');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('low');
  const [lang, setLang] = useState<(typeof LANGS)[number]>('zh');
  const save = useAction(async () => {
    const saved = await unwrap(
      api.POST('/api/v1/ops/screening/terms', { body: { term, kind, category, severity, lang } }),
    );
    toast.success(t('ops.lexicon.saved', { version: saved.version }));
    setTerm('');
    onSaved();
  });
  return (
    <div className="card stack">
      <h3>{t('ops.lexicon.add')}</h3>
      <Form label={t('ops.lexicon.add')} onSubmit={() => save.run()}>
        <TextField
          label={t('ops.lexicon.term')}
          name="term"
          value={term}
          required
          maxLength={500}
          onChange={(e) => setTerm(e.target.value)}
          hint={t('ops.lexicon.termHint')}
          error={save.error}
        />
        <SelectField
          label={t('ops.lexicon.kind')}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
          error={save.error}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`ops.lexicon.kind.${k}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('ops.lexicon.category')}
          name="category"
          value={category}
          onChange={(e) => setCategory(e.target.value as Category)}
          error={save.error}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {tEnum('ops.screening.', c)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('ops.lexicon.severity')}
          name="severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as typeof severity)}
          error={save.error}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`ops.lexicon.severity.${s}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('ops.lexicon.lang')}
          name="lang"
          value={lang}
          onChange={(e) => setLang(e.target.value as typeof lang)}
          error={save.error}
        >
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`ops.lexicon.lang.${l}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <ErrorMessage error={save.error} />
        <Button type="submit" busy={save.busy} disabled={!term.trim()}>
          {t('ops.lexicon.save')}
        </Button>
      </Form>
    </div>
  );
}

/**
 * A text to try against the lexicon in force and the model, for a surface (or none: every category
 * counts): the verdict, the entries that fired (counted or why not) and the model's scores.
 */
function TryText() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [text, setText] = useState('');
  const [surface, setSurface] = useState<Surface | ''>('live_comment');
  const [tried, setTried] = useState('');
  const run = useAction(async () => {
    setTried(text);
    return unwrap(api.POST('/api/v1/ops/screening/test', { body: { text, surface: surface || undefined } }));
  });
  const [result, setResult] = useState<Awaited<ReturnType<typeof run.run>>>();
  return (
    <div className="card stack">
      <h3>{t('ops.lexicon.try')}</h3>
      <Form label={t('ops.lexicon.try')} onSubmit={async () => setResult(await run.run())}>
        <SelectField
          label={t('ops.evidence.trySurface')}
          name="surface"
          value={surface}
          onChange={(e) => setSurface(e.target.value as Surface | '')}
        >
          {SURFACES.map((s) => (
            <option key={s} value={s}>
              {tEnum('ops.evidence.surface.', s)}
            </option>
          ))}
          <option value="">{t('ops.evidence.anySurface')}</option>
        </SelectField>
        <TextArea
          label={t('ops.lexicon.tryText')}
          name="text"
          value={text}
          maxLength={5000}
          onChange={(e) => setText(e.target.value)}
          error={run.error}
        />
        <Button type="submit" kind="secondary" busy={run.busy} disabled={!text.trim()}>
          {t('ops.lexicon.tryRun')}
        </Button>
      </Form>
      <ErrorMessage error={run.error} />
      {result ? (
        <div aria-live="polite">
          <ScreeningFinding
            text={tried}
            label={t('ops.lexicon.try')}
            heading={
              <p>
                {t('ops.lexicon.tryResult', {
                  version: result.version,
                  risk: tEnum('ops.risk.', result.risk),
                })}
              </p>
            }
            finding={{
              surface: result.surface ?? null,
              risk: result.risk,
              categories: result.categories,
              lexiconVersion: result.version,
              modelVersion: result.modelVersion,
              hits: result.hits.map((h) => ({ ...h, notCounted: h.why ?? null })),
              model: result.model,
            }}
          />
        </div>
      ) : null}
    </div>
  );
}

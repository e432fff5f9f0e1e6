import { useEffect, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, SelectField, TextArea, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import './service.css';
import type { ChatSettings, KeywordReply } from './service-types.ts';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** /merchant/service/settings (客服设置): welcome, off-hours reply, service hours, routing, the bot, keyword answers. */
export function ServiceSettingsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const settings = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/chat/settings', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('service.settings.title')} />
      <p className="hint">{t('service.settings.intro')}</p>
      <SkeletonLoadState loaded={settings} rows={6}>
        {(s) => <SettingsForm initial={s} onSaved={settings.set} owner={shop.role === 'owner'} />}
      </SkeletonLoadState>
      <KeywordReplies owner={shop.role === 'owner'} />
    </section>
  );
}

function SettingsForm({
  initial,
  onSaved,
  owner,
}: {
  initial: ChatSettings;
  onSaved: (s: ChatSettings) => void;
  owner: boolean;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toast = useToast();
  const [welcome, setWelcome] = useState(initial.welcome ?? '');
  const [offHours, setOffHours] = useState(initial.offHoursReply ?? '');
  const [days, setDays] = useState<number[]>(initial.serviceHours.days);
  const [from, setFrom] = useState(initial.serviceHours.from);
  const [to, setTo] = useState(initial.serviceHours.to);
  const [routing, setRouting] = useState(initial.routing);
  const [bot, setBot] = useState(initial.botEnabled);
  const save = useAction(async () => {
    const saved = await unwrap(
      api.PUT('/api/v1/shops/{id}/chat/settings', {
        params: { path: { id: shop.id } },
        body: {
          welcome: welcome.trim() || null,
          offHoursReply: offHours.trim() || null,
          serviceHours: { days, from, to },
          routing,
          botEnabled: bot,
        },
      }),
    );
    onSaved(saved);
    toast.success(t('service.settings.saved'));
  });
  const toggleDay = (d: number) =>
    setDays((now) => (now.includes(d) ? now.filter((x) => x !== d) : [...now, d].sort((a, b) => a - b)));
  return (
    <Form onSubmit={() => save.run()} label={t('service.settings.title')} className="card stack">
      {owner ? null : <p role="note">{t('service.settings.ownerOnly')}</p>}
      <TextArea
        label={t('service.settings.welcome')}
        name="welcome"
        hint={t('service.settings.welcomeHint')}
        maxLength={500}
        value={welcome}
        onChange={(e) => setWelcome(e.target.value)}
        error={save.error}
      />
      <fieldset className="svc-days">
        <legend>{t('service.settings.days')}</legend>
        {DAYS.map((d) => (
          <label key={d} className="svc-day">
            <input type="checkbox" checked={days.includes(d)} onChange={() => toggleDay(d)} />
            {t(`service.day.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <TextField
          label={t('service.settings.from')}
          name="serviceHours.from"
          type="time"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={save.error}
        />
        <TextField
          label={t('service.settings.to')}
          name="serviceHours.to"
          type="time"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={save.error}
        />
      </div>
      <p className="hint">{t('service.settings.hoursHint')}</p>
      <TextArea
        label={t('service.settings.offHours')}
        name="offHoursReply"
        hint={t('service.settings.offHoursHint')}
        maxLength={500}
        value={offHours}
        onChange={(e) => setOffHours(e.target.value)}
        error={save.error}
      />
      <SelectField
        label={t('service.settings.routing')}
        name="routing"
        value={routing}
        onChange={(e) => setRouting(e.target.value as ChatSettings['routing'])}
        hint={t(`service.routingHint.${routing}`)}
      >
        <option value="last_agent">{t('service.routing.last_agent')}</option>
        <option value="round_robin">{t('service.routing.round_robin')}</option>
      </SelectField>
      <label className="svc-check">
        <input type="checkbox" checked={bot} onChange={(e) => setBot(e.target.checked)} />
        {t('service.settings.bot')}
      </label>
      <p className="hint">{t('service.settings.botHint')}</p>
      <ErrorMessage error={save.error} />
      <div className="row">
        <Button type="submit" busy={save.busy} disabled={!owner}>
          {t('service.settings.save')}
        </Button>
      </div>
    </Form>
  );
}

function KeywordReplies({ owner }: { owner: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toast = useToast();
  const confirm = useConfirm();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/chat/keyword-replies', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const [editing, setEditing] = useState<KeywordReply | null>(null);
  const remove = useAction(async (r: KeywordReply) => {
    const ok = await confirm({
      title: t('service.keywords.deleteTitle'),
      body: t('service.keywords.deleteBody', { keywords: r.keywords.join('、') }),
      confirmLabel: t('service.keywords.delete'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(
      api.DELETE('/api/v1/shops/{id}/chat/keyword-replies/{replyId}', {
        params: { path: { id: shop.id, replyId: r.id } },
      }),
    );
    toast.success(t('service.keywords.deleted'));
    list.reload();
  });
  return (
    <section className="card stack" aria-labelledby="svc-keywords">
      <h3 id="svc-keywords">{t('service.keywords.title')}</h3>
      <p className="hint">{t('service.keywords.intro')}</p>
      <SkeletonLoadState loaded={list} rows={3}>
        {(l) =>
          l.items.length === 0 ? (
            <p>{t('service.keywords.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('service.keywords.keywords')}</th>
                  <th scope="col">{t('service.keywords.answer')}</th>
                  <th scope="col">{t('service.keywords.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {l.items.map((r) => (
                  <tr key={r.id}>
                    <td data-user-text>{r.keywords.join('、')}</td>
                    <td data-user-text>{r.answer}</td>
                    <td>
                      <div className="row">
                        <Button kind="link" disabled={!owner} onClick={() => setEditing(r)}>
                          {t('service.keywords.edit')}
                        </Button>
                        <Button kind="link" disabled={!owner} onClick={() => void remove.run(r)}>
                          {t('service.keywords.delete')}
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={remove.error} />
      {owner ? (
        <KeywordForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

const splitKeywords = (text: string) =>
  text
    .split(/[,，、;；\s]+/)
    .map((k) => k.trim())
    .filter((k) => k !== '');

function KeywordForm({ editing, onDone }: { editing: KeywordReply | null; onDone: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toast = useToast();
  const [keywords, setKeywords] = useState(editing?.keywords.join('、') ?? '');
  const [answer, setAnswer] = useState(editing?.answer ?? '');
  useEffect(() => {
    setKeywords(editing?.keywords.join('、') ?? '');
    setAnswer(editing?.answer ?? '');
  }, [editing]);
  const save = useAction(async () => {
    const body = { keywords: splitKeywords(keywords), answer };
    if (editing) {
      await unwrap(
        api.PUT('/api/v1/shops/{id}/chat/keyword-replies/{replyId}', {
          params: { path: { id: shop.id, replyId: editing.id } },
          body,
        }),
      );
    } else {
      await unwrap(
        api.POST('/api/v1/shops/{id}/chat/keyword-replies', { params: { path: { id: shop.id } }, body }),
      );
    }
    toast.success(t('service.keywords.saved'));
    setKeywords('');
    setAnswer('');
    onDone();
  });
  return (
    <Form
      onSubmit={() => save.run()}
      label={editing ? t('service.keywords.editTitle') : t('service.keywords.addTitle')}
      className="stack svc-keyword-form"
    >
      <h4>{editing ? t('service.keywords.editTitle') : t('service.keywords.addTitle')}</h4>
      <TextField
        label={t('service.keywords.keywords')}
        name="keywords"
        hint={t('service.keywords.keywordsHint')}
        value={keywords}
        onChange={(e) => setKeywords(e.target.value)}
        error={save.error}
      />
      <TextArea
        label={t('service.keywords.answer')}
        name="answer"
        maxLength={500}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        error={save.error}
      />
      <ErrorMessage error={save.error} />
      <div className="row">
        <Button type="submit" busy={save.busy}>
          {editing ? t('service.keywords.update') : t('service.keywords.add')}
        </Button>
        {editing ? (
          <Button kind="secondary" onClick={onDone}>
            {t('service.keywords.cancel')}
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, TextArea, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CannedReply } from './types.ts';

/** 管理快捷短语: the shop's canned replies, added and deleted by any agent. */
export function CannedRepliesManager({
  shopId,
  replies,
  onChanged,
}: {
  shopId: number;
  replies: CannedReply[];
  onChanged(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [form, setForm] = useState({ title: '', text: '' });
  const add = useAction(async () => {
    const added = await unwrap(
      api.POST('/api/v1/shops/{id}/chat/canned-replies', {
        params: { path: { id: shopId } },
        body: { title: form.title.trim(), text: form.text.trim() },
      }),
    );
    setForm({ title: '', text: '' });
    toast.success(t('ws.canned.saved', { title: added.title }));
    onChanged();
  });
  const remove = useAction(async (reply: CannedReply) => {
    const ok = await confirm({
      title: t('ws.canned.deleteTitle', { title: reply.title }),
      body: t('ws.canned.deleteBody'),
      confirmLabel: t('ws.canned.delete'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(
      api.DELETE('/api/v1/shops/{id}/chat/canned-replies/{replyId}', {
        params: { path: { id: shopId, replyId: reply.id } },
      }),
    );
    toast.success(t('ws.canned.deleted'));
    onChanged();
  });
  return (
    <details className="card ws-canned">
      <summary>{t('ws.canned.manage')}</summary>
      <ul className="plain stack">
        {replies.map((r) => (
          <li key={r.id} className="row between">
            <span>
              <strong data-user-text>{r.title}</strong>{' '}
              <span className="hint" data-user-text>
                {r.text}
              </span>
            </span>
            <Button
              kind="link"
              busy={remove.busy}
              aria-label={t('ws.canned.deleteNamed', { title: r.title })}
              onClick={() => void remove.run(r)}
            >
              {t('ws.canned.delete')}
            </Button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={remove.error} />
      <Form className="form" label={t('ws.canned.add')} onSubmit={() => add.run()}>
        <TextField
          label={t('ws.canned.titleField')}
          name="title"
          required
          maxLength={30}
          value={form.title}
          onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))}
          error={add.error}
        />
        <TextArea
          label={t('ws.canned.textField')}
          name="text"
          required
          maxLength={500}
          value={form.text}
          onChange={(e) => setForm((f) => ({ ...f, text: e.target.value }))}
          error={add.error}
        />
        <ErrorMessage error={add.error} />
        <Button type="submit" busy={add.busy}>
          {t('ws.canned.save')}
        </Button>
      </Form>
    </details>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link, useLocation } from 'react-router';
import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, TextArea } from '../../common/ui.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { EvidencePicker, type Upload } from '../evidence.tsx';
import './reports.css';

export type ReportSubject =
  paths['/api/v1/reports']['post']['requestBody']['content']['application/json']['subject'];
type Reason = paths['/api/v1/reports']['post']['requestBody']['content']['application/json']['reason'];

/**
 * 举报: a small button that opens the report sheet for one subject (a room, a product, a comment, a
 * review or a shop). `label` names what is reported for screen readers when the button sits beside
 * someone's words ("举报 小王 的评论").
 */
export function ReportButton({
  subject,
  label,
  about,
  className = 'report-btn',
}: {
  subject: ReportSubject;
  label?: string;
  /** What the sheet quotes at its top (a comment or review as written). */
  about?: string;
  className?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        {t('report.action')}
      </button>
      {open ? <ReportSheet subject={subject} about={about} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The report sheet: a reason that fits the subject, optional words and photos, and what happens next. */
export function ReportSheet({
  subject,
  about,
  onClose,
}: {
  subject: ReportSubject;
  about?: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { account } = useSession();
  const location = useLocation();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);
  // Portalled to the body: the sheet opens over a live room's layers or a list as over a page.
  return createPortal(
    <div className="sheet-backdrop report-layer">
      <div className="sheet stack" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <button
          ref={closeRef}
          type="button"
          className="close-btn sheet-close"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
        <div className="sheet-head">
          <h2 id={titleId}>{t(`report.title.${subject.type}` as MessageKey)}</h2>
        </div>
        {about ? (
          <blockquote className="report-about" data-user-text>
            {about}
          </blockquote>
        ) : null}
        {account?.kind === 'buyer' ? (
          <ReportForm subject={subject} onDone={onClose} />
        ) : (
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('report.signIn')}</Link>
        )}
      </div>
    </div>,
    document.body,
  );
}

function ReportForm({ subject, onDone }: { subject: ReportSubject; onDone(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const reasons = useLoad(() => unwrap(api.GET('/api/v1/reports/reasons')), [api]);
  const fitting = reasons.data?.items.find((r) => r.subjectType === subject.type)?.reasons ?? [];
  const [reason, setReason] = useState<Reason>();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const send = useAction(async () => {
    if (!reason) return;
    await unwrap(
      api.POST('/api/v1/reports', {
        body: {
          subject,
          reason,
          text: text.trim() || undefined,
          evidenceFileIds: uploads.length ? uploads.map((u) => u.id) : undefined,
        },
      }),
    );
    toast.success(t('report.sent'));
    onDone();
  });
  return (
    <Form label={t(`report.title.${subject.type}` as MessageKey)} onSubmit={() => send.run()}>
      <fieldset className="report-reasons">
        <legend>{t('report.reasonLabel')}</legend>
        {fitting.map((r) => (
          <label key={r} className={`report-reason${reason === r ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="reason"
              value={r}
              checked={reason === r}
              onChange={() => {
                setReason(r);
                send.clear();
              }}
            />
            {t(`report.reason.${r}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <TextArea
        label={t('report.text')}
        name="text"
        value={text}
        maxLength={500}
        hint={t('report.textHint')}
        error={send.error}
        onChange={(e) => setText(e.target.value)}
      />
      <EvidencePicker uploads={uploads} onChange={setUploads} />
      <p className="hint">{t('report.notice')}</p>
      <ErrorMessage error={send.error} />
      <Button type="submit" busy={send.busy} disabled={!reason}>
        {t('report.submit')}
      </Button>
    </Form>
  );
}

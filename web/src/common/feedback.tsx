/**
 * Feedback shared by the three apps (the provider is mounted once in main.tsx):
 *
 * - `const confirm = useConfirm();`
 *   `if (!(await confirm({ title, body, confirmLabel, danger: true }))) return;`
 *   An accessible modal (role="dialog", aria-modal, focus kept inside, Esc or 取消 cancels) that
 *   resolves true only when the confirm button is pressed. `body` names the consequence
 *   ("买家将立即收到退款 ¥62.80"). Use it before every irreversible action.
 * - `const toast = useToast();` then `toast.success(text)` / `toast.error(textOrApiError)`:
 *   a result shown at the bottom of the screen (role="status", errors role="alert"), dismissed
 *   automatically (success 5 s, error 10 s) or by its close button.
 * - `<Skeleton rows={3} />`: grey placeholder rows while something loads (aria-busy, announced as
 *   "加载中…" to screen readers); `<SkeletonLoadState loaded={useLoad(...)}>` is `LoadState` with it.
 * - `<EmptyState title="还没有订单" hint="开播或上架商品后，订单会出现在这里"
 *    action={{ label: '上架商品', to: '/merchant/products/new' }} />`: an empty list that says what
 *   to do next; the action is a link (`to`) or a button (`onClick`).
 *
 * Every text passed in must already be translated (`t(...)`); the components' own texts (取消, 确认,
 * 关闭, 加载中…) come from i18n/common.ts.
 */
import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Button, ErrorMessage, errorText } from './ui.tsx';
import './feedback.css';

export interface ConfirmOptions {
  title: string;
  /** What happens when confirmed, in plain words (the amount, who is affected, whether it can be undone). */
  body: ReactNode;
  /** The confirm button's text; 确认 when absent. */
  confirmLabel?: string;
  /** The cancel button's text; 取消 when absent. */
  cancelLabel?: string;
  /** Red confirm button, for actions that move money or cannot be undone. */
  danger?: boolean;
}

type Confirm = (options: ConfirmOptions) => Promise<boolean>;

interface ToastApi {
  success(text: string): void;
  /** An error sentence, or an API error worded in the reader's language. */
  error(error: string | ApiError | unknown): void;
}

interface ToastItem {
  id: number;
  tone: 'success' | 'error';
  text: string;
}

const ConfirmContext = createContext<Confirm | undefined>(undefined);
const ToastContext = createContext<ToastApi | undefined>(undefined);

const TOAST_MS = { success: 5000, error: 10000 } as const;

/** Mounts the confirmation dialog and the toast area for everything inside it. */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const [request, setRequest] = useState<
    (ConfirmOptions & { resolve(ok: boolean): void; opener: HTMLElement | null }) | undefined
  >();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  // A toast is worded when it is raised: a switch of language clears the ones in the old language.
  const shownIn = useRef(lang);
  useEffect(() => {
    if (shownIn.current === lang) return;
    shownIn.current = lang;
    setToasts([]);
  }, [lang]);

  const confirm = useCallback<Confirm>((options) => {
    // Taken now: the button that asked may be disabled (and so lose focus) before the dialog opens.
    const opener = document.activeElement as HTMLElement | null;
    return new Promise<boolean>((resolve) => {
      setRequest((previous) => {
        // A second request replaces the first, which counts as cancelled.
        previous?.resolve(false);
        return { ...options, resolve, opener };
      });
    });
  }, []);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (tone: ToastItem['tone'], text: string) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), TOAST_MS[tone]);
    },
    [dismiss],
  );
  const toast = useMemo<ToastApi>(
    () => ({
      success: (text) => push('success', text),
      error: (error) =>
        push(
          'error',
          typeof error === 'string'
            ? error
            : error instanceof ApiError
              ? errorText(t, error)
              : t('error.internal'),
        ),
    }),
    [push, t],
  );

  const close = (ok: boolean) => {
    request?.resolve(ok);
    setRequest(undefined);
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      <ToastContext.Provider value={toast}>
        {children}
        {request ? <ConfirmDialog options={request} onClose={close} /> : null}
        <div className="toasts" aria-live="polite">
          {toasts.map((item) => (
            <div
              key={item.id}
              className={`toast toast-${item.tone}`}
              role={item.tone === 'error' ? 'alert' : 'status'}
            >
              <span>{item.text}</span>
              <button
                type="button"
                className="toast-close"
                aria-label={t('common.close')}
                onClick={() => dismiss(item.id)}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      </ToastContext.Provider>
    </ConfirmContext.Provider>
  );
}

function ConfirmDialog({
  options,
  onClose,
}: {
  options: ConfirmOptions & { opener: HTMLElement | null };
  onClose(ok: boolean): void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const { opener } = options;
  useEffect(() => {
    // Cancel first: Enter on a dangerous dialog must not confirm by accident.
    cancelButton.current?.focus();
    return () => restoreFocus(opener);
  }, [opener]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose(false);
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [
      ...dialog.current.querySelectorAll<HTMLElement>('button, [href], input, select, textarea'),
    ];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{options.title}</h2>
        <div id={bodyId} className="modal-body">
          {options.body}
        </div>
        <div className="modal-actions">
          <button
            ref={cancelButton}
            type="button"
            className="btn btn-secondary"
            onClick={() => onClose(false)}
          >
            {options.cancelLabel ?? t('common.cancel')}
          </button>
          <Button kind={options.danger ? 'danger' : 'primary'} onClick={() => onClose(true)}>
            {options.confirmLabel ?? t('common.confirm')}
          </Button>
        </div>
      </div>
    </div>
  );
}

/**
 * Focus back on what opened the dialog. A button that runs an action is disabled while the action
 * (which awaits the dialog) winds up, so this waits a little for it to be enabled again.
 */
function restoreFocus(element: HTMLElement | null, tries = 20) {
  if (!element?.isConnected) return;
  if ((element as HTMLButtonElement).disabled && tries > 0) {
    setTimeout(() => restoreFocus(element, tries - 1), 50);
    return;
  }
  element.focus();
}

/** Ask before an irreversible action; resolves true only when the user confirms. */
export function useConfirm(): Confirm {
  const value = useContext(ConfirmContext);
  if (!value) throw new Error('useConfirm outside FeedbackProvider');
  return value;
}

/** Show the result of an action: `toast.success(text)`, `toast.error(textOrApiError)`. */
export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast outside FeedbackProvider');
  return value;
}

/** Placeholder rows while a list or panel loads. */
export function Skeleton({ rows = 3, label }: { rows?: number; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" aria-busy="true" role="status">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows
        <div key={i} className="skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}

/** `LoadState` (error with retry, then the content) with `Skeleton` rows while loading. */
export function SkeletonLoadState<T>({
  loaded,
  rows,
  children,
}: {
  loaded: { data: T | undefined; error: ApiError | undefined; loading: boolean; reload(): void };
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (loaded.error && loaded.data === undefined)
    return (
      <div>
        <ErrorMessage error={loaded.error} />
        <Button kind="secondary" onClick={loaded.reload}>
          {t('common.retry')}
        </Button>
      </div>
    );
  if (loaded.data === undefined) return <Skeleton rows={rows} />;
  return <>{children(loaded.data)}</>;
}

export type EmptyAction = { label: string; to: string } | { label: string; onClick(): void };

/** An empty list or panel: what is missing and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: EmptyAction }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {hint ? <p className="empty-state-hint">{hint}</p> : null}
      {action ? (
        'to' in action ? (
          <Link className="btn btn-secondary empty-state-action" to={action.to}>
            {action.label}
          </Link>
        ) : (
          <Button kind="secondary" onClick={action.onClick}>
            {action.label}
          </Button>
        )
      ) : null}
    </div>
  );
}

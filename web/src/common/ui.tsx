import {
  type ButtonHTMLAttributes,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
  useState,
} from 'react';
import { NavLink, useNavigate } from 'react-router';
import type { ApiError } from '../api/client.ts';
import { errorSentence, fieldProblems, fieldReason, type Wording } from '../i18n/error-text.ts';
import { isMessageKey, LANGS, type Translate, useI18n } from '../i18n/index.tsx';
import { useNow } from './hooks.ts';
import { useSession } from './session.tsx';

/** The message tables of the reader's language, for wording server errors. */
export function useWording(): Wording {
  const { t, lang } = useI18n();
  return { lang, t, has: isMessageKey };
}

/**
 * A readable sentence for an API error in the current language, from the message tables (by the
 * server's message key, code or status; never the server's English message, never a raw object).
 */
export function errorText(t: Translate, error: ApiError): string {
  return errorSentence({ t, has: isMessageKey }, error);
}

/** An API error shown where it happened: the sentence, and each field problem in words. */
export function ErrorMessage({ error }: { error: ApiError | undefined }) {
  const w = useWording();
  if (!error) return null;
  const problems = fieldProblems(w, error);
  return (
    <div className="error" role="alert">
      <strong>{errorSentence(w, error)}</strong>
      {problems.length ? (
        <span className="error-detail">
          {' '}
          {w.t('error.detail', { message: problems.join(w.lang === 'zh' ? '；' : '; ') })}
        </span>
      ) : null}
    </div>
  );
}

interface FieldProps {
  label: string;
  /** The field's name as the server names it (its error is shown under the control). */
  name: string;
  error?: ApiError | undefined;
  hint?: string;
}

function FieldShell({
  id,
  label,
  name,
  error,
  hint,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  const w = useWording();
  const serverReason = error?.fieldReason(name);
  const reason = serverReason && fieldReason(w, serverReason);
  return (
    <div className={`field${reason ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      {reason ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {reason}
        </small>
      ) : null}
    </div>
  );
}

function describedBy(id: string, props: FieldProps) {
  const ids = [props.hint ? `${id}-hint` : '', props.error?.fieldReason(props.name) ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

export function TextField(props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const { label, name, error, hint, ...rest } = props;
  const id = useId();
  return (
    <FieldShell id={id} label={label} name={name} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={error?.fieldReason(name) ? true : undefined}
        aria-describedby={describedBy(id, props)}
        {...rest}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const { label, name, error, hint, ...rest } = props;
  const id = useId();
  return (
    <FieldShell id={id} label={label} name={name} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        aria-invalid={error?.fieldReason(name) ? true : undefined}
        aria-describedby={describedBy(id, props)}
        {...rest}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { children: ReactNode },
) {
  const { label, name, error, hint, children, ...rest } = props;
  const id = useId();
  return (
    <FieldShell id={id} label={label} name={name} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        aria-invalid={error?.fieldReason(name) ? true : undefined}
        aria-describedby={describedBy(id, props)}
        {...rest}
      >
        {children}
      </select>
    </FieldShell>
  );
}

export function Button({
  kind = 'primary',
  busy,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  busy?: boolean;
}) {
  return (
    <button
      type="button"
      className={`btn btn-${kind}`}
      disabled={busy || rest.disabled}
      aria-busy={busy}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A form whose submit runs `onSubmit` (no page reload). */
export function Form({
  onSubmit,
  children,
  label,
  className,
}: {
  onSubmit: () => unknown;
  children: ReactNode;
  label?: string;
  className?: string;
}) {
  return (
    <form
      className={className ?? 'form'}
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** Loading / error (with retry) / content, for a `useLoad` result. */
export function LoadState<T>({
  loaded,
  children,
}: {
  loaded: { data: T | undefined; error: ApiError | undefined; loading: boolean; reload(): void };
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
  if (loaded.data === undefined) return <Loading />;
  return <>{children(loaded.data)}</>;
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('common.empty')}</p>;
}

export function Money({ fen }: { fen: number | null | undefined }) {
  return <span className="money">{useI18n().money(fen)}</span>;
}

export function DateTime({ value }: { value: string | null | undefined }) {
  const { dateTime } = useI18n();
  return value ? <time dateTime={value}>{dateTime(value)}</time> : <span>—</span>;
}

/** Time left until `deadline` ("3 h 20 min left"), or "Overdue". */
export function Countdown({ deadline }: { deadline: string | null | undefined }) {
  const { t } = useI18n();
  const now = useNow(1000);
  if (!deadline) return null;
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0)
    return (
      <span className="countdown countdown-overdue" role="timer">
        {t('common.overdue')}
      </span>
    );
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const time =
    d > 0
      ? t('common.countdown.days', { d, h })
      : h > 0
        ? t('common.countdown.hours', { h, m })
        : t('common.countdown.minutes', { m, s: s % 60 });
  return (
    <span className={`countdown${ms < 6 * 3600_000 ? ' countdown-soon' : ''}`} role="timer">
      {t('common.remaining', { time })}
    </span>
  );
}

export function Badge({
  children,
  tone = 'neutral',
  title,
}: {
  children: ReactNode;
  tone?: string;
  title?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <span className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as typeof lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Sign-in form for the current app's session; `titled={false}` where the page's own title says 登录. */
export function LoginForm({
  onDone,
  defaultLogin = '',
  titled = true,
}: {
  onDone?: () => void;
  defaultLogin?: string;
  titled?: boolean;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [login, setLogin] = useState(defaultLogin);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      label={t('login.title')}
      onSubmit={async () => {
        setBusy(true);
        setError(undefined);
        try {
          await session.login(login, password);
          onDone?.();
        } catch (err) {
          setError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      {titled ? <h2>{t('login.title')}</h2> : null}
      <TextField
        label={t('login.login')}
        name="login"
        autoComplete="username"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        error={error}
        required
      />
      <TextField
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={error}
        required
      />
      <ErrorMessage error={error} />
      <Button type="submit" busy={busy}>
        {t('login.submit')}
      </Button>
      <p className="hint">{t('login.demoHint')}</p>
    </Form>
  );
}

/** A console's sign-in card: signing in keeps the page asked for; `<home>/login` goes on to `home`. */
export function ConsoleSignIn({ home }: { home: string }) {
  const navigate = useNavigate();
  return (
    <div className="card">
      <LoginForm
        onDone={() => {
          if (location.pathname.replace(/\/$/, '') === `${home}/login`) navigate(home);
        }}
      />
    </div>
  );
}

/** A console's /login page for someone already signed in: a link on to its home page. */
export function AlreadySignedIn({
  message,
  home,
  homeName,
}: {
  message: string;
  home: string;
  homeName: string;
}) {
  return (
    <p className="notice">
      {message} <NavLink to={home}>{homeName}</NavLink>
    </p>
  );
}

import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { durationText, type RulesConfig, useRulesConfig } from '../common/rules-config.ts';
import { useSession } from '../common/session.tsx';
import { Badge, LoginForm } from '../common/ui.tsx';
import { isMessageKey, type Translate, useI18n } from '../i18n/index.tsx';
import type { Guarantee } from './types.ts';

/** A page's heading row: a back link (when not a tab page) and the title. */
export function PageTitle({ children, back }: { children: ReactNode; back?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="page-title">
      {back ? (
        <button type="button" className="back-btn" onClick={() => navigate(-1)} aria-label={t('common.back')}>
          ‹
        </button>
      ) : null}
      <h1>{children}</h1>
    </div>
  );
}

/** The page when a buyer is signed in; otherwise the sign-in form in place (the page follows it). */
export function RequireBuyer({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { account } = useSession();
  if (account) return <>{children}</>;
  return (
    <section className="stack">
      <PageTitle>{title}</PageTitle>
      <p className="hint">{t('buyer.signInToContinue')}</p>
      <div className="card">
        <LoginForm />
      </div>
    </section>
  );
}

/** A product picture, or a coloured tile with the title's first character when there is none. */
export function Thumb({
  title,
  imageUrl,
  size = 'md',
}: {
  title: string;
  imageUrl?: string | null;
  size?: string;
}) {
  if (imageUrl) return <img className={`thumb thumb-${size}`} src={imageUrl} alt="" />;
  const hue = [...title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <span className={`thumb thumb-${size}`} aria-hidden="true" style={{ background: `hsl(${hue} 55% 42%)` }}>
      {[...title][0] ?? '·'}
    </span>
  );
}

/** The guarantee's name in the current language. */
export function guaranteeName(lang: string, g: Pick<Guarantee, 'zh' | 'en'>): string {
  return lang === 'zh' ? g.zh : g.en;
}

/** Guarantee badges, each naming its guarantee; `explained` lists what each one promises. */
/**
 * What a guarantee promises, with the numbers of the configuration in force (its claim window,
 * the no-reason window, the 假一赔N multiple) rather than the defaults.
 */
function guaranteeText(t: Translate, code: string, config: RulesConfig): string {
  const a = config.aftersales;
  const windows: Record<string, number> = a.claimWindows;
  const key = `buyer.guaranteeText.${code}`;
  if (!isMessageKey(key)) {
    const plain = `buyer.guarantee.${code}`;
    return isMessageKey(plain) ? t(plain) : '';
  }
  return t(key, {
    days: Math.round(a.noReasonReturnMs / 86_400_000),
    n: a.fakePaysMultiplier,
    window: windows[code] === undefined ? '' : durationText(t, windows[code]),
  });
}

export function GuaranteeList({ guarantees, explained }: { guarantees: Guarantee[]; explained?: boolean }) {
  const { lang } = useI18n();
  if (!guarantees.length) return null;
  if (!explained)
    return (
      <span className="row">
        {guarantees.map((g) => (
          <Badge key={g.code} tone="ok" title={g.explanation}>
            {guaranteeName(lang, g)}
          </Badge>
        ))}
      </span>
    );
  return <GuaranteeExplanations guarantees={guarantees} />;
}

function GuaranteeExplanations({ guarantees }: { guarantees: Guarantee[] }) {
  const { t, lang } = useI18n();
  const config = useRulesConfig();
  return (
    <section className="card guarantees" aria-labelledby="guarantees-title">
      <h2 id="guarantees-title">{t('buyer.product.guarantees')}</h2>
      <dl>
        {guarantees.map((g) => (
          <div key={g.code} className="guarantee">
            <dt>
              <Badge tone="ok">{guaranteeName(lang, g)}</Badge>
            </dt>
            <dd>{config ? guaranteeText(t, g.code, config) : null}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function Stars({ rating }: { rating: number }) {
  const { t } = useI18n();
  return (
    <span className="stars" role="img" aria-label={t('buyer.review.stars', { n: rating })}>
      {'★'.repeat(rating)}
      {'☆'.repeat(Math.max(0, 5 - rating))}
    </span>
  );
}

export function CardLink({ to, children, label }: { to: string; children: ReactNode; label?: string }) {
  return (
    <Link className="card card-link" to={to} aria-label={label}>
      {children}
    </Link>
  );
}

import type { ApiError } from '../api/client.ts';
import { errorText, useWording } from '../common/ui.tsx';
import { fieldReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';

interface Reason {
  zh: string;
  en: string;
}

/**
 * A refused checkout in words: the sentence for its code, the risk reasons of a blocked order in the
 * current language, and a field problem named by the product it concerns (not `items[0].quantity`).
 */
export function CheckoutError({ error, titles }: { error: ApiError | undefined; titles: string[] }) {
  const { t, lang } = useI18n();
  const w = useWording();
  if (!error) return null;
  const reasons = Array.isArray(error.details.reasons) ? (error.details.reasons as Reason[]) : [];
  const details = reasons.length
    ? reasons.map((r) => (lang === 'zh' ? r.zh : r.en))
    : error.fields.map((f) => {
        const line = /^items\[(\d+)\]/.exec(f.field);
        const title = line ? titles[Number(line[1])] : undefined;
        const reason = fieldReason(w, f.reason);
        return title ? `${title}: ${reason}` : reason;
      });
  return (
    <div className="error" role="alert">
      <strong>{errorText(t, error)}</strong>
      {details.length ? (
        <ul className="plain">
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { Button } from '../../common/ui.tsx';
import type { MessageKey } from '../../i18n/index.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { TRIAGE_KEYS, waited } from './keys.ts';

export const QUEUES = [
  'listings',
  'merchants',
  'content',
  'orders',
  'aftersales',
  'ip_complaints',
  'reports',
] as const;
export type Queue = (typeof QUEUES)[number];
export const isQueue = (value: string | undefined): value is Queue =>
  (QUEUES as readonly string[]).includes(value ?? '');

/** The preset reasons of a queue: the rejections first, then the approval. */
export function presetReasons(queue: Queue): MessageKey[] {
  const counts: Record<Queue, number> = {
    listings: 4,
    merchants: 2,
    content: 3,
    orders: 2,
    aftersales: 2,
    ip_complaints: 2,
    reports: 2,
  };
  const keys = Array.from({ length: counts[queue] }, (_, i) => `ops.reason.${queue}.${i + 1}`);
  return [...keys, `ops.reason.${queue}.ok`] as MessageKey[];
}

/** "3 小时 12 分" since `from`. */
export function useDuration() {
  const { t } = useI18n();
  return (from: string, nowMs: number) => {
    const { days, hours, minutes } = waited(from, nowMs);
    if (days > 0) return t('ops.duration.days', { d: days, h: hours });
    if (hours > 0) return t('ops.duration.hours', { h: hours, m: minutes });
    return t('ops.duration.minutes', { m: minutes });
  };
}

/** A time limit in minutes, worded ("4 小时 0 分"). */
export function useSlaText() {
  const { t } = useI18n();
  return (minutes: number) => {
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    if (d > 0) return t('ops.duration.days', { d, h });
    if (h > 0) return t('ops.duration.hours', { h, m });
    return t('ops.duration.minutes', { m });
  };
}

/** The keyboard help: every key and what it does. */
export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  return (
    <div className="o-help-backdrop">
      <div className="card o-help" role="dialog" aria-modal="true" aria-labelledby="o-help-title">
        <h3 id="o-help-title">{t('ops.triage.help')}</h3>
        <dl className="o-dl">
          {TRIAGE_KEYS.map((k) => (
            <div key={k.keys} className="o-help-row">
              <dt>
                <kbd>{k.keys}</kbd>
              </dt>
              <dd>{t(`ops.triage.key.${k.action}` as MessageKey)}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t('ops.triage.helpTyping')}</p>
        <Button kind="secondary" autoFocus onClick={onClose}>
          {t('ops.triage.helpClose')}
        </Button>
      </div>
    </div>
  );
}

import { useI18n } from '../../i18n/index.tsx';

/** A count as the apps show it: 9,876 · 1.2万 (zh) / 12.3k (en). */
export function useCount(): (n: number) => string {
  const { lang } = useI18n();
  return (n) => {
    if (lang === 'zh') {
      if (n >= 100_000_000) return `${trim(n / 100_000_000)}亿`;
      if (n >= 10_000) return `${trim(n / 10_000)}万`;
      return n.toLocaleString('zh-CN');
    }
    if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
    if (n >= 10_000) return `${trim(n / 1_000)}k`;
    return n.toLocaleString('en-US');
  };
}

function trim(x: number): string {
  return (Math.floor(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** A round picture for a person: their initial on a colour of their name. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 11);
  return (
    <span
      className={`lr-avatar lr-avatar-${size}`}
      aria-hidden="true"
      style={{ background: `hsl(${hue} 60% 45%)` }}
    >
      {[...name][0] ?? '·'}
    </span>
  );
}

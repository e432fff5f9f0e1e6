import { useI18n } from '../../i18n/index.tsx';
import { PROVINCES, regionLabel, regionList } from './freight-types.ts';

/**
 * Regions by province, as checkboxes in a disclosure (summary: what is chosen). Codes below province
 * level already in the template (a city, a county) are listed first and can be unticked. Codes used by
 * another setting of the template are shown but cannot be ticked here.
 */
export function RegionChooser({
  label,
  value,
  onChange,
  taken,
}: {
  label: string;
  value: string[];
  onChange(codes: string[]): void;
  taken: ReadonlySet<string>;
}) {
  const { t, lang } = useI18n();
  const chosen = new Set(value);
  const finer = value.filter((c) => !c.endsWith('0000'));
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <details className="fr-regions">
      <summary>
        {label}:{' '}
        {value.length === 0
          ? t('freight.regions.none')
          : t('freight.regions.chosen', { n: value.length, names: regionList(value, lang, 6) })}
      </summary>
      <fieldset className="fr-region-grid">
        <legend className="visually-hidden">{label}</legend>
        {[...finer.map((c) => [c, regionLabel(c)] as [string, string]), ...PROVINCES].map(([code, name]) => {
          const elsewhere = taken.has(code) && !chosen.has(code);
          return (
            <label key={code} className={elsewhere ? 'fr-region fr-region-taken' : 'fr-region'}>
              <input
                type="checkbox"
                checked={chosen.has(code)}
                disabled={elsewhere}
                onChange={(e) => toggle(code, e.target.checked)}
              />
              {name}
              {elsewhere ? <small className="hint"> · {t('freight.regions.usedElsewhere')}</small> : null}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}

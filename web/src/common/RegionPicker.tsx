import { areaList } from '@vant/area-data';
import { useId, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { fieldReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { useWording } from './ui.tsx';
import './region-picker.css';

// National administrative-division codes from @vant/area-data (the server checks against the same
// table): 2 digits province, 2 city, 2 county. '330106' is 西湖区, in 杭州市 330100, in 浙江省 330000.
const provinces = Object.entries(areaList.province_list);
const cityEntries = Object.entries(areaList.city_list);
const countyEntries = Object.entries(areaList.county_list);

const citiesOf = (province: string) => cityEntries.filter(([code]) => code.startsWith(province.slice(0, 2)));
const countiesOf = (city: string) => countyEntries.filter(([code]) => code.startsWith(city.slice(0, 4)));

/** Whether `code` is a county-level code in the region table (what an address must carry). */
export function isCountyCode(code: string): boolean {
  return Object.hasOwn(areaList.county_list, code);
}

const groupingCity = /^(县|省直辖县|自治区直辖县级行政区划|省直辖县级行政区划)$/;

/** '330106' → '浙江省 杭州市 西湖区' (a municipality's repeated city said once), as the server words it. */
export function regionText(code: string): string {
  const province = areaList.province_list[`${code.slice(0, 2)}0000`];
  const city = areaList.city_list[`${code.slice(0, 4)}00`];
  const county = areaList.county_list[code];
  if (!province) return code;
  return [province, city && city !== province && !groupingCity.test(city) ? city : undefined, county]
    .filter(Boolean)
    .join(' ');
}

export interface RegionPickerProps {
  /** The chosen county code, or '' for none yet. */
  value: string;
  /** Called with the county code once a county is chosen, and with '' when a higher level changes. */
  onChange(code: string): void;
  /** The group's label (default 所在地区 / Region). */
  label?: string;
  /** The field name the server's errors use (default regionCode). */
  name?: string;
  error?: ApiError | undefined;
  disabled?: boolean;
}

/**
 * Province → city → county, three native selects (the phone's own wheel picker on mobile). Picking a
 * higher level clears the levels below; a level with one choice (a municipality's city) is chosen
 * for the reader.
 */
export function RegionPicker({
  value,
  onChange,
  label,
  name = 'regionCode',
  error,
  disabled,
}: RegionPickerProps) {
  const { t } = useI18n();
  const w = useWording();
  const id = useId();
  // A province or city picked before any county: kept here until the county completes the value.
  const [partial, setPartial] = useState<{ province: string; city: string }>({ province: '', city: '' });
  const province = value ? `${value.slice(0, 2)}0000` : partial.province;
  const city = value ? `${value.slice(0, 4)}00` : partial.city;
  const cities = province ? citiesOf(province) : [];
  const counties = city ? countiesOf(city) : [];
  const serverReason = error?.fieldReason(name);
  const reason = serverReason && fieldReason(w, serverReason);

  const pickProvince = (code: string) => {
    const only = code ? citiesOf(code) : [];
    setPartial({ province: code, city: only.length === 1 ? only[0]![0] : '' });
    onChange('');
  };
  const pickCity = (code: string) => {
    setPartial({ province, city: code });
    onChange('');
  };

  return (
    <fieldset
      className={`field region-picker${reason ? ' field-invalid' : ''}`}
      aria-describedby={reason ? `${id}-error` : undefined}
      disabled={disabled}
    >
      <legend>{label ?? t('region.label')}</legend>
      <div className="region-picker-selects">
        <select
          aria-label={t('region.province')}
          name={`${name}-province`}
          value={province}
          onChange={(e) => pickProvince(e.target.value)}
          aria-invalid={reason ? true : undefined}
        >
          <option value="">{t('region.choose.province')}</option>
          {provinces.map(([code, text]) => (
            <option key={code} value={code}>
              {text}
            </option>
          ))}
        </select>
        <select
          aria-label={t('region.city')}
          name={`${name}-city`}
          value={city}
          onChange={(e) => pickCity(e.target.value)}
          disabled={!province}
          aria-invalid={reason ? true : undefined}
        >
          <option value="">{t('region.choose.city')}</option>
          {cities.map(([code, text]) => (
            <option key={code} value={code}>
              {text}
            </option>
          ))}
        </select>
        <select
          aria-label={t('region.county')}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={!city}
          aria-invalid={reason ? true : undefined}
        >
          <option value="">{t('region.choose.county')}</option>
          {counties.map(([code, text]) => (
            <option key={code} value={code}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {reason ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {reason}
        </small>
      ) : null}
    </fieldset>
  );
}

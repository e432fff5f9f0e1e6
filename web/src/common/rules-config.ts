import { useEffect, useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import type { Translate } from '../i18n/index.tsx';
import { useApi } from './session.tsx';

/** Every number of the product rules in force (GET /api/v1/configuration), e.g. `aftersales.claimWindows`. */
export type RulesConfig =
  paths['/api/v1/configuration']['get']['responses']['200']['content']['application/json']['config'];

let loading: Promise<RulesConfig> | undefined;

/**
 * The configuration in force, loaded once per page load (texts that name a deadline or an amount read
 * it instead of repeating the default); undefined until it has arrived or when it could not be read.
 */
export function useRulesConfig(): RulesConfig | undefined {
  const api = useApi();
  const [config, setConfig] = useState<RulesConfig>();
  useEffect(() => {
    let live = true;
    loading ??= unwrap(api.GET('/api/v1/configuration')).then((r) => r.config);
    loading.then(
      (c) => live && setConfig(c),
      () => {
        loading = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  return config;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A duration as words: whole days from a week up ("7 天", "180 days"), else hours ("48 小时", "24 h"). */
export function durationText(t: Translate, ms: number): string {
  if (ms % DAY === 0 && ms >= 7 * DAY) return t('common.duration.days', { n: ms / DAY });
  return t('common.duration.hours', { n: Math.round((ms / HOUR) * 100) / 100 });
}

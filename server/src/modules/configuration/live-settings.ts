import type { AppContext } from '../../platform/context.ts';
import type { Settings } from '../../platform/settings.ts';
import { CONFIG_CHANNEL, readCurrentConfig, settingsOf } from './configuration.service.ts';
import type { ConfigVersion } from './platform-config.ts';

const applied = new WeakMap<Settings, number>();

/**
 * `ctx.settings` (the §2–3 numbers services were given at start) follows the configuration in force:
 * loaded at start, replaced in place when any process stores a new version (NOTIFY), at once in the
 * process that stored it. An older version never overwrites a newer one.
 */
export async function keepSettingsCurrent(ctx: Pick<AppContext, 'db' | 'settings' | 'pubsub' | 'log'>) {
  const reload = () =>
    readCurrentConfig(ctx.db)
      .then((current) => applySettings(ctx.settings, current))
      .catch((error: unknown) => ctx.log.error({ err: error }, 'configuration reload failed'));
  await ctx.pubsub.subscribe(CONFIG_CHANNEL, () => void reload());
  await reload();
}

export function applySettings(settings: Settings, current: ConfigVersion): void {
  if ((applied.get(settings) ?? 0) > current.version) return;
  applied.set(settings, current.version);
  Object.assign(settings, settingsOf(current.config));
}

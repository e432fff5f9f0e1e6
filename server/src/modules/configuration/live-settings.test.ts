import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock.ts';
import { defaultSettings } from '../../platform/settings.ts';
import { applySettings } from './live-settings.ts';
import { defaultConfig } from './platform-config.ts';

const withTimeout = (ms: number) => ({
  ...defaultConfig,
  marketplace: { ...defaultConfig.marketplace, paymentTimeoutMs: ms },
});

describe('settings follow the configuration in force', () => {
  it('take the §2–3 numbers of a newer version, in place', () => {
    const settings = { ...defaultSettings };
    applySettings(settings, { version: 2, config: withTimeout(30 * MINUTE) });
    expect(settings.paymentTimeoutMs).toBe(30 * MINUTE);
    expect(settings.shipByMs).toBe(defaultSettings.shipByMs);
  });

  it('never go back to an older version that arrives late', () => {
    const settings = { ...defaultSettings };
    applySettings(settings, { version: 3, config: withTimeout(30 * MINUTE) });
    applySettings(settings, { version: 2, config: withTimeout(20 * MINUTE) });
    expect(settings.paymentTimeoutMs).toBe(30 * MINUTE);
  });

  it('carry no key that is not a setting (probation limits stay in the configuration)', () => {
    const settings = { ...defaultSettings };
    applySettings(settings, { version: 1, config: defaultConfig });
    expect(Object.keys(settings).sort()).toEqual(Object.keys(defaultSettings).sort());
  });
});

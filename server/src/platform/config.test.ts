import { describe, expect, it } from 'vitest';
import { loadConfig, platformTimeText } from './config.ts';

describe('the platform time zone', () => {
  it('is Asia/Shanghai unless XINREN_TIME_ZONE names another', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ XINREN_TIME_ZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(() => loadConfig({ XINREN_TIME_ZONE: 'Mars/Olympus' })).toThrow(/XINREN_TIME_ZONE/);
  });

  it('writes a moment kept as text on the platform clock, with its offset', () => {
    const at = new Date('2026-12-08T12:00:00Z');
    expect(platformTimeText(at, 'Asia/Shanghai')).toBe('2026-12-08 20:00 (UTC+8)');
    expect(platformTimeText(at, 'America/New_York')).toBe('2026-12-08 07:00 (UTC-5)');
  });
});

import type { paths } from '../../api/client.ts';

export type ProgrammeVersion =
  paths['/api/v1/ops/growth/programmes']['get']['responses']['200']['content']['application/json']['items'][number];
export type Payout =
  paths['/api/v1/ops/growth/payouts']['get']['responses']['200']['content']['application/json']['items'][number];
export type PayoutState = Payout['state'];

/** "2026-Q4" for people. */
export const quarterWords = (
  t: (k: 'growth.quarter.name', v: { year: string; q: string }) => string,
  code: string,
) => {
  const [year, q] = code.split('-Q');
  return t('growth.quarter.name', { year: year!, q: q! });
};

import type { Executor } from '../../platform/db.ts';
import type { RoutingMode, ServiceHours } from './chat.tables.ts';
import { DEFAULT_SERVICE_HOURS } from './service-hours.rule.ts';

/** What the sessions read of a shop's customer-service settings. */
export interface SessionSettings {
  botEnabled: boolean;
  serviceHours: ServiceHours;
  routing: RoutingMode;
}

/** The settings a shop without a settings row has (product rules §8.2). */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  botEnabled: true,
  serviceHours: DEFAULT_SERVICE_HOURS,
  routing: 'last_agent',
};

/** The shop's bot switch, service hours and routing mode, or the defaults when it never set them. */
export async function sessionSettingsOf(db: Executor, shopId: number): Promise<SessionSettings> {
  const row = await db
    .selectFrom('chatSettings')
    .select(['botEnabled', 'serviceHours', 'routing'])
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  return row ?? DEFAULT_SESSION_SETTINGS;
}

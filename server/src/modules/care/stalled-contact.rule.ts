import type { CareConfig } from '../configuration/index.ts';
import type { Finding } from './finding.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface StalledContactFacts {
  parcel: { status: string; shippedAt: Date; lastEventAt: Date };
  /** The buyer's messages to the shop since the parcel shipped, oldest first. */
  messages: readonly { sessionId: number | null; at: Date }[];
}

/**
 * The starts of the buyer's separate contacts: a message opens a new contact when it is in another chat
 * session than the contact it would join, or `gapMinutes` or more after that contact began.
 */
export function contactStarts(
  messages: StalledContactFacts['messages'],
  gapMinutes: number,
): { sessionId: number | null; at: Date }[] {
  const starts: { sessionId: number | null; at: Date }[] = [];
  for (const m of [...messages].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const current = starts.at(-1);
    if (
      !current ||
      current.sessionId !== m.sessionId ||
      m.at.getTime() - current.at.getTime() >= gapMinutes * MINUTE_MS
    )
      starts.push(m);
  }
  return starts;
}

/**
 * product rules §8.6 (a): a parcel on its way whose tracking has not moved for `stalledParcelHours`, and
 * whose buyer contacted the shop at least `minContacts` times since it shipped. It happened when both
 * were true: the later of the stall passing the threshold and the contact that made the count.
 */
export function stalledParcelContacted(
  facts: StalledContactFacts,
  config: Pick<CareConfig, 'stalledParcelHours' | 'minContacts' | 'contactGapMinutes'>,
  now: Date,
): Finding | null {
  const { parcel } = facts;
  if (!['created', 'picked_up', 'in_transit'].includes(parcel.status)) return null;
  const stalledMs = now.getTime() - parcel.lastEventAt.getTime();
  if (stalledMs < config.stalledParcelHours * HOUR_MS) return null;
  const shipped = facts.messages.filter((m) => m.at >= parcel.shippedAt);
  const starts = contactStarts(shipped, config.contactGapMinutes);
  if (starts.length < config.minContacts) return null;
  const stalledAt = parcel.lastEventAt.getTime() + config.stalledParcelHours * HOUR_MS;
  const counted = starts[config.minContacts - 1]!.at.getTime();
  return {
    rule: 'stalled_parcel_contacted',
    happenedAt: new Date(Math.max(stalledAt, counted)),
    facts: {
      trackingStatus: parcel.status,
      shippedAt: parcel.shippedAt.toISOString(),
      lastEventAt: parcel.lastEventAt.toISOString(),
      stalledHours: Math.floor(stalledMs / HOUR_MS),
      contacts: starts.length,
      contactTimes: starts.map((s) => s.at.toISOString()),
    },
  };
}

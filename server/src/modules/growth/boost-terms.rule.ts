/** What a boost costs and weighs, from the 新商启航 version in force (product rules §7.5). */
export interface BoostTerms {
  creditsPerHour: number;
  weightBp: number;
  maxHours: number;
}

export type BoostRefusal = { field: 'hours'; reason: string } | null;

/** Hours must be a whole number from 1 to the version's maximum. */
export function checkBoostHours(hours: number, terms: BoostTerms): BoostRefusal {
  if (!Number.isInteger(hours) || hours < 1 || hours > terms.maxHours) {
    return { field: 'hours', reason: `must be a whole number of hours from 1 to ${terms.maxHours}` };
  }
  return null;
}

/** The credits a boost of `hours` costs. */
export function boostCost(hours: number, terms: BoostTerms): number {
  return hours * terms.creditsPerHour;
}

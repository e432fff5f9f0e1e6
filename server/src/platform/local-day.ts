import { type RawBuilder, sql } from 'kysely';

/** A timestamp's local date as 'YYYY-MM-DD', `offsetMinutes` east of UTC (the platform calendar), in SQL. */
export function localDay(at: RawBuilder<unknown>, offsetMinutes: number): RawBuilder<string> {
  return sql<string>`to_char(${at} at time zone 'UTC' + make_interval(mins => ${offsetMinutes}), 'YYYY-MM-DD')`;
}

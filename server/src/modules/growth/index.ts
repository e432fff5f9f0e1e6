export { type ActiveBoost, activeBoosts, activeBoostsSql, newMerchantBoostSql } from './boost-sql.ts';
export type { BoostTarget, GrowthTables } from './growth.tables.ts';

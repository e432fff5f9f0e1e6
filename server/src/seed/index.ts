export { CREATE_ADMIN_USAGE, createAdmin, type NewAdmin, parseCreateAdminArgs } from './create-admin.ts';
export { planHistory, seedDemo, seedDemoHistory } from './demo-history.ts';
export { activeDemoLogins, DEMO_LOGINS, formatDemoLogins } from './demo-logins.ts';
export { DEMO_PASSWORD } from './demo-people.ts';
export { type SeedCounts, type SeedLog, type SeedResult, seedIfEmpty } from './seed.ts';

export type { ChatTables } from './chat.tables.ts';
export { sessionTransitions } from './session.machine.ts';

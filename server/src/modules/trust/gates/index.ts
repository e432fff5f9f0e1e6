export { trustContentGate } from './content-gate.ts';
export { trustListingGate } from './listing-gate.ts';

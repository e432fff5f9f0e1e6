export { trustContentGate } from './content-gate.ts';

export { contentCaseHook, contentCaseHooks } from './content-case.ts';
export { trustContentGate } from './content-gate.ts';
export { trustListingGate } from './listing-gate.ts';
export { trustLiveTitleGate } from './live-title-gate.ts';
export { screeningViewRoutes } from './screening-view.routes.ts';

export { FreightTemplateEditorPage, FreightTemplatesPage } from './FreightTemplatesPage.tsx';
export type { FreightTemplate } from './freight-types.ts';

export { FlashSaleForm, type FlashSaleFormProps } from './FlashSaleForm.tsx';
export { FlashSalesPage } from './FlashSalesPage.tsx';
export type { FlashSale, FlashSaleState } from './flash-sale-types.ts';

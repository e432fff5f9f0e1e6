/** A scheduled flash sale starts (subject: flash sale id), at its starts_at. */
export const FLASH_SALE_START = 'flash_sales.start';
/** A running flash sale ends (subject: flash sale id), at its ends_at. */
export const FLASH_SALE_END = 'flash_sales.end';

import { defineMessages } from './define.ts';

// The merchant app's texts. Keys start with 'merchant.'.
export const merchantMessages = defineMessages(
  {
    'merchant.title': '商家后台',
  },
  {
    'merchant.title': 'Merchant console',
  },
);

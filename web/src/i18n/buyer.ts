import { defineMessages } from './define.ts';

// The buyer app's texts. Keys start with 'buyer.'.
export const buyerMessages = defineMessages(
  {
    'buyer.title': '信任直播购物',
  },
  {
    'buyer.title': 'Xinren live shopping',
  },
);

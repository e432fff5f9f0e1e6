import { defineMessages } from './define.ts';

// The ops app's texts. Keys start with 'ops.'.
export const opsMessages = defineMessages(
  {
    'ops.title': '平台运营',
  },
  {
    'ops.title': 'Ops console',
  },
);

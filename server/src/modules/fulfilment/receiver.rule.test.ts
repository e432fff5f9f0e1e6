import { describe, expect, it } from 'vitest';
import { receiverFor } from './receiver.rule.ts';

const address = {
  recipient: '王小明',
  phone: '13812341234',
  regionCode: '330106',
  regionName: '浙江省 杭州市 西湖区',
  detail: '文三路 90 号 3 幢 501',
};

describe('the receiver a shop sees', () => {
  it.each([
    { waitingToShip: true, phone: '13812341234', phoneMasked: false },
    { waitingToShip: false, phone: '138****1234', phoneMasked: true },
  ])('waiting to ship: $waitingToShip → phone $phone', ({ waitingToShip, phone, phoneMasked }) => {
    expect(receiverFor(address, waitingToShip)).toEqual({
      recipient: '王小明',
      phone,
      phoneMasked,
      regionCode: '330106',
      regionName: '浙江省 杭州市 西湖区',
      detail: '文三路 90 号 3 幢 501',
    });
  });

  it('is none for an order placed before orders kept an address', () => {
    expect(receiverFor(null, true)).toBeNull();
    expect(receiverFor(undefined, false)).toBeNull();
  });
});

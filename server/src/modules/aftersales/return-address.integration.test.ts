import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

// An approved return tells the buyer where to send the parcel: the shop's return address, else its
// warehouse address, else a line to ask the shop (DOMAIN.md §9).
let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
const V = '/api/v1';

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
});

async function approvedReturnAddress(
  product: Awaited<ReturnType<typeof guaranteedProduct>>,
): Promise<string> {
  const order = await rig.deliveredOrder(product);
  const opened = await rig.open(order.buyer, {
    orderId: order.orderId,
    orderLineId: order.lineId,
    type: 'return_refund',
    reason: 'no_reason',
    quantity: 1,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  expect(opened.body.state).toBe('awaiting_return');
  return opened.body.returnShipment.returnAddress;
}

const warehouse = {
  recipient: '王仓管',
  phone: '13600001111',
  regionCode: '330110',
  detail: '良渚街道 云仓 5 号库',
};
const returns = {
  recipient: '售后组 陈',
  phone: '13500002222',
  regionCode: '440305',
  detail: '科技园南区 退货中心 2 楼',
};

describe('the return address of an approved return', () => {
  it('is the shop’s return address, else its warehouse, else a line to ask the shop', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 9_900 });
    const owner = api(ctx.app, product.owner.token);

    expect(await approvedReturnAddress(product)).toMatch(/未设置退货地址.*No return address set/);

    expect((await owner.put(`${V}/shops/${product.shopId}/addresses/warehouse`, warehouse)).status).toBe(200);
    expect(await approvedReturnAddress(product)).toBe(
      '王仓管 13600001111 浙江省 杭州市 余杭区 良渚街道 云仓 5 号库',
    );

    expect((await owner.put(`${V}/shops/${product.shopId}/addresses/return`, returns)).status).toBe(200);
    expect(await approvedReturnAddress(product)).toBe(
      '售后组 陈 13500002222 广东省 深圳市 南山区 科技园南区 退货中心 2 楼',
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from '../aftersales/aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
});

/** A delivered order and a refund-only request the merchant has to answer. */
async function refundOnlyRequest() {
  const product = await guaranteedProduct(ctx);
  const order = await rig.deliveredOrder(product);
  const opened = await rig.open(order.buyer, {
    orderId: order.orderId,
    orderLineId: order.lineId,
    type: 'refund_only',
    reason: 'not_as_described',
    quantity: 1,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return { product, order, requestId: opened.body.id as number };
}

async function conversation(shopId: number, buyerToken: string) {
  const res = await api(ctx.app, buyerToken).post('/api/v1/chat/conversations', { shopId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as number;
}

const say = async (token: string, conversationId: number, text: string) => {
  const res = await api(ctx.app, token).post(`/api/v1/chat/conversations/${conversationId}/messages`, {
    kind: 'text',
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
};

const cite = (token: string, requestId: number, conversationId: number) =>
  api(ctx.app, token).post(`/api/v1/aftersales/requests/${requestId}/communications`, {
    channel: 'chat',
    summary: '在线沟通：买家说颜色与图片不符，已解释色差',
    conversationId,
  });

describe('a recorded chat counts as the communication a refund-only rejection needs (product rules §5)', () => {
  it('the buyer and the shop both wrote: the merchant cites it and rejects', async () => {
    const { product, order, requestId } = await refundOnlyRequest();
    const conversationId = await conversation(product.shopId, order.buyer.token);
    await say(order.buyer.token, conversationId, '颜色和图片不一样，我要仅退款');
    await say(product.owner.token, conversationId, '您好，图片是实物拍摄，可能有轻微色差');

    const listed = await api(ctx.app, product.owner.token).get(
      `/api/v1/aftersales/requests/${requestId}/conversations`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ conversationId, buyerMessages: 1, agentMessages: 1, citable: true }),
    ]);

    const cited = await cite(product.owner.token, requestId, conversationId);
    expect(cited.status, JSON.stringify(cited.body)).toBe(201);
    const rejected = await rig.act(product.owner, requestId, 'reject', {
      communicationId: cited.body.id,
      reason: '颜色与描述一致',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.communications).toEqual([
      expect.objectContaining({ id: cited.body.id, channel: 'chat', conversationId }),
    ]);
  });

  it("another buyer's conversation with the shop is refused", async () => {
    const { product, requestId } = await refundOnlyRequest();
    const other = await buildBuyer(ctx);
    const theirs = await conversation(product.shopId, other.token);
    await say(other.token, theirs, '在吗');
    await say(product.owner.token, theirs, '在的');
    const cited = await cite(product.owner.token, requestId, theirs);
    expect(cited.status).toBe(400);
    expect(cited.body.error.details.fields[0].field).toBe('conversationId');
    const count = await ctx.db
      .selectFrom('aftersalesCommunications')
      .select('id')
      .where('requestId', '=', requestId)
      .execute();
    expect(count).toEqual([]);
  });

  it('a conversation where only the bot answered is refused; a person answering makes it citable', async () => {
    const { product, order, requestId } = await refundOnlyRequest();
    const conversationId = await conversation(product.shopId, order.buyer.token);
    await say(order.buyer.token, conversationId, '我要退款');
    // whatever the bot said, no person of the shop wrote
    await ctx.db
      .insertInto('chatMessages')
      .values({
        conversationId,
        sender: 'bot',
        kind: 'text',
        text: '您好，请描述问题',
        createdAt: ctx.clock.now(),
      })
      .execute();
    const refused = await cite(product.owner.token, requestId, conversationId);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'conversationId' });
    expect(refused.body.error.details.fields[0].reason).toMatch(/bot/);

    await say(product.owner.token, conversationId, '您好，我们核实一下');
    expect((await cite(product.owner.token, requestId, conversationId)).status).toBe(201);
  });

  it('a conversation cited on a phone record, or of another shop, is refused', async () => {
    const { product, order, requestId } = await refundOnlyRequest();
    const conversationId = await conversation(product.shopId, order.buyer.token);
    const phone = await api(ctx.app, product.owner.token).post(
      `/api/v1/aftersales/requests/${requestId}/communications`,
      {
        channel: 'phone',
        summary: '电话沟通了一下情况',
        conversationId,
      },
    );
    expect(phone.status).toBe(400);
    const elsewhere = await guaranteedProduct(ctx);
    const otherShop = await conversation(elsewhere.shopId, order.buyer.token);
    expect((await cite(product.owner.token, requestId, otherShop)).status).toBe(400);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildShop, buildStaff, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { checkoutAddresses, shopAddress } from './index.ts';

const V = '/api/v1';
let ctx: TestContext;
const as = (token: string) => api(ctx.app, token);

const home = {
  recipient: '李娜',
  phone: '13900001111',
  regionCode: '330106',
  detail: '文三路 478 号 华星时代广场 A 座 1201',
};
const office = {
  recipient: '李娜',
  phone: '13700002222',
  regionCode: '110105',
  detail: '建国路 87 号 SKP 写字楼 9 层',
};

beforeAll(async () => {
  ctx = await createTestContext();
});

const fieldsOf = (body: { error: { details: { fields: { field: string }[] } } }) =>
  body.error.details.fields.map((f) => f.field.replace(/^\/?(body[./])?/, ''));

describe('the buyer address book', () => {
  let buyer: TestUser;
  beforeAll(async () => {
    buyer = await buildUser(ctx, 'buyer', { address: false });
  });

  it('makes the first address the default and names the region', async () => {
    const res = await as(buyer.token).post(`${V}/me/addresses`, { ...home, recipient: ' 李娜 ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...home, isDefault: true, regionName: '浙江省 杭州市 西湖区' });
  });

  it('keeps the default when a second address is added, and switches it on request', async () => {
    const second = await as(buyer.token).post(`${V}/me/addresses`, office);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ isDefault: false, regionName: '北京市 朝阳区' });
    const switched = await as(buyer.token).post(`${V}/me/addresses/${second.body.id}/default`);
    expect(switched.status).toBe(200);
    expect(switched.body.isDefault).toBe(true);
    const list = await as(buyer.token).get(`${V}/me/addresses`);
    expect(list.body.map((a: { isDefault: boolean; phone: string }) => [a.phone, a.isDefault])).toEqual([
      [office.phone, true],
      [home.phone, false],
    ]);
  });

  it('edits an address and refuses bad fields with 400 naming each field', async () => {
    const [first] = (await as(buyer.token).get(`${V}/me/addresses`)).body;
    const edited = await as(buyer.token).patch(`${V}/me/addresses/${first.id}`, { detail: '建国路 89 号' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ detail: '建国路 89 号', isDefault: true, recipient: '李娜' });

    const bad = await as(buyer.token).post(`${V}/me/addresses`, {
      recipient: '',
      phone: '1234567',
      regionCode: '330100',
      detail: '短',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(fieldsOf(bad.body).sort()).toEqual(['detail', 'phone', 'recipient', 'regionCode']);

    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '12812341234' }, 'phone'],
      [{ phone: '138 1234 1234' }, 'phone'],
      [{ regionCode: '999999' }, 'regionCode'],
      [{ regionCode: '330000' }, 'regionCode'],
      [{ recipient: '张'.repeat(26) }, 'recipient'],
      [{ detail: '路'.repeat(121) }, 'detail'],
    ];
    for (const [patch, field] of cases) {
      const res = await as(buyer.token).patch(`${V}/me/addresses/${first.id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    const missing = await as(buyer.token).post(`${V}/me/addresses`, { recipient: '王五' });
    expect(missing.status).toBe(400);
  });

  it("answers 404 for another buyer's address, and leaves it alone", async () => {
    const other = await buildBuyer(ctx);
    const [theirs] = (await as(other.token).get(`${V}/me/addresses`)).body;
    expect(
      (await as(buyer.token).patch(`${V}/me/addresses/${theirs.id}`, { detail: '偷改地址' })).status,
    ).toBe(404);
    expect((await as(buyer.token).delete(`${V}/me/addresses/${theirs.id}`)).status).toBe(404);
    expect((await as(buyer.token).post(`${V}/me/addresses/${theirs.id}/default`)).status).toBe(404);
    const still = (await as(other.token).get(`${V}/me/addresses`)).body;
    expect(still).toEqual([
      expect.objectContaining({ id: theirs.id, isDefault: true, detail: theirs.detail }),
    ]);
    expect((await as(other.token).get(`${V}/me/addresses`)).status).toBe(200);
  });

  it('makes the newest other address the default when the default is deleted', async () => {
    const b = await buildUser(ctx, 'buyer', { address: false });
    const a1 = (await as(b.token).post(`${V}/me/addresses`, home)).body;
    ctx.clock.advance(1000);
    const a2 = (await as(b.token).post(`${V}/me/addresses`, office)).body;
    ctx.clock.advance(1000);
    const a3 = (await as(b.token).post(`${V}/me/addresses`, { ...office, detail: '望京 SOHO T1' })).body;
    expect(a1.isDefault).toBe(true);
    expect((await as(b.token).delete(`${V}/me/addresses/${a1.id}`)).status).toBe(200);
    const list = (await as(b.token).get(`${V}/me/addresses`)).body;
    expect(list.map((a: { id: number; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [a3.id, true],
      [a2.id, false],
    ]);
    await as(b.token).delete(`${V}/me/addresses/${a3.id}`);
    await as(b.token).delete(`${V}/me/addresses/${a2.id}`);
    expect((await as(b.token).get(`${V}/me/addresses`)).body).toEqual([]);
  });

  it('holds at most 20 addresses, also when they are added at once', async () => {
    const b = await buildUser(ctx, 'buyer', { address: false });
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        as(b.token).post(`${V}/me/addresses`, { ...home, detail: `文三路 ${i + 1} 号` }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(
      Array(4).fill([409, 'address_limit_reached']),
    );
    const list = (await as(b.token).get(`${V}/me/addresses`)).body;
    expect(list).toHaveLength(20);
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
  });

  it('keeps exactly one default when defaults are switched concurrently', async () => {
    const b = await buildUser(ctx, 'buyer', { address: false });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await as(b.token).post(`${V}/me/addresses`, { ...home, detail: `文三路 ${i + 1} 号` })).body.id,
      );
    }
    const results = await Promise.all(ids.map((id) => as(b.token).post(`${V}/me/addresses/${id}/default`)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
    const list = (await as(b.token).get(`${V}/me/addresses`)).body;
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
  });

  it('is for buyers only', async () => {
    const merchant = await buildUser(ctx, 'merchant');
    expect((await as(merchant.token).get(`${V}/me/addresses`)).status).toBe(403);
    expect((await api(ctx.app).get(`${V}/me/addresses`)).status).toBe(401);
  });
});

describe('checkoutAddresses', () => {
  it("gives the given address when it is the buyer's, else the default, else nothing", async () => {
    const b1 = await buildBuyer(ctx);
    const b2 = await buildUser(ctx, 'buyer', { address: false });
    const [d1] = (await as(b1.token).get(`${V}/me/addresses`)).body;
    const extra = (await as(b1.token).post(`${V}/me/addresses`, office)).body;
    const answers = await checkoutAddresses(ctx.db, [
      { buyerId: b1.id },
      { buyerId: b1.id, addressId: extra.id },
      { buyerId: b2.id },
      { buyerId: b2.id, addressId: extra.id },
    ]);
    expect(answers).toEqual([
      expect.objectContaining({ addressId: d1.id, regionName: '浙江省 杭州市 西湖区', phone: '13812341234' }),
      { addressId: extra.id, ...office, regionName: '北京市 朝阳区' },
      undefined,
      undefined,
    ]);
    expect(await checkoutAddresses(ctx.db, [])).toEqual([]);
  });
});

describe('shop addresses', () => {
  it('lets the owner and staff set the warehouse and return address; others get 404', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const staff = await buildStaff(ctx, shopId);
    const stranger = await buildUser(ctx, 'merchant');
    const buyer = await buildBuyer(ctx);
    expect((await as(owner.token).get(`${V}/shops/${shopId}/addresses`)).body).toEqual([]);
    expect(await shopAddress(ctx.db, shopId, 'return')).toBeUndefined();

    const warehouse = await as(owner.token).put(`${V}/shops/${shopId}/addresses/warehouse`, home);
    expect(warehouse.status).toBe(200);
    expect(warehouse.body).toMatchObject({ kind: 'warehouse', ...home, regionName: '浙江省 杭州市 西湖区' });
    const ret = await as(staff.token).put(`${V}/shops/${shopId}/addresses/return`, office);
    expect(ret.status).toBe(200);
    const replaced = await as(staff.token).put(`${V}/shops/${shopId}/addresses/return`, {
      ...office,
      detail: '退货仓 3 号门',
    });
    expect(replaced.body.detail).toBe('退货仓 3 号门');
    const both = (await as(staff.token).get(`${V}/shops/${shopId}/addresses`)).body;
    expect(both.map((a: { kind: string }) => a.kind)).toEqual(['warehouse', 'return']);
    expect(await shopAddress(ctx.db, shopId, 'return')).toEqual({
      ...office,
      detail: '退货仓 3 号门',
      regionName: '北京市 朝阳区',
    });

    expect((await as(stranger.token).get(`${V}/shops/${shopId}/addresses`)).status).toBe(404);
    expect((await as(stranger.token).put(`${V}/shops/${shopId}/addresses/return`, home)).status).toBe(404);
    expect((await as(buyer.token).put(`${V}/shops/${shopId}/addresses/return`, home)).status).toBe(403);
    const badKind = await as(owner.token).put(`${V}/shops/${shopId}/addresses/office`, home);
    expect(badKind.status).toBe(400);
    const badPhone = await as(owner.token).put(`${V}/shops/${shopId}/addresses/return`, {
      ...home,
      phone: '010-12345678',
    });
    expect(badPhone.status).toBe(400);
    expect(fieldsOf(badPhone.body)).toEqual(['phone']);
    expect((await shopAddress(ctx.db, shopId, 'return'))?.detail).toBe('退货仓 3 号门');
  });
});

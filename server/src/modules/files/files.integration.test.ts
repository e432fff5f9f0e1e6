import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
  type TestUser,
} from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { currentPolicy } from '../configuration/index.ts';
import { MAX_EVIDENCE_BYTES, requireOwnFiles, storeEvidenceFile } from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

// Magic bytes and something unique after them: each call is a different file.
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const webp = () => {
  const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), randomBytes(64)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function upload(user: TestUser | undefined, contentType: string, payload: Buffer | string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/evidence-files',
    headers: { 'content-type': contentType, ...(user ? { authorization: `Bearer ${user.token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

async function download(user: TestUser | undefined, id: number) {
  return ctx.app.inject({
    method: 'GET',
    url: `/api/v1/evidence-files/${id}`,
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
  });
}

async function fileRows(): Promise<number> {
  const row = await ctx.db
    .selectFrom('evidenceFiles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /evidence-files', () => {
  it.each([
    ['image/png', png],
    ['image/jpeg', jpeg],
    ['image/webp', webp],
  ])('stores a %s image and answers what it stored', async (type, make) => {
    const buyer = await buildBuyer(ctx);
    const bytes = make();
    const res = await upload(buyer, type, bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      contentType: type,
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      createdAt: ctx.clock.now().toISOString(),
    });
    const row = await ctx.db
      .selectFrom('evidenceFiles')
      .select(['uploadedBy', 'data'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.uploadedBy).toBe(buyer.id);
    expect(row.data.equals(bytes)).toBe(true);
  });

  it('turns away bytes that are not the declared type, and types that are not accepted (415), writing nothing', async () => {
    const buyer = await buildBuyer(ctx);
    const before = await fileRows();
    const answers = [
      await upload(buyer, 'image/jpeg', png()),
      await upload(buyer, 'image/webp', Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1')),
      await upload(buyer, 'text/plain', 'a photo of the scratch'),
      await upload(buyer, 'application/json', '{"image":"x"}'),
      await upload(buyer, 'image/gif', Buffer.from('GIF89a\x01\0\x01\0', 'latin1')),
    ];
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
      expect(res.body.error.details.fields[0].field).toBe('body');
      expect(res.body.error.details.allowed).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    }
    expect(answers[0]!.body.error.message).toMatch(/not image\/jpeg: they are image\/png/);
    expect(answers[2]!.body.error.message).toMatch(/text\/plain is not accepted/);
    expect(await fileRows()).toBe(before);
  });

  it('takes exactly 5 MiB and turns away one byte more (413), writing nothing', async () => {
    const buyer = await buildBuyer(ctx);
    const limit = jpeg();
    const atLimit = Buffer.concat([limit, Buffer.alloc(MAX_EVIDENCE_BYTES - limit.length)]);
    expect((await upload(buyer, 'image/jpeg', atLimit)).status).toBe(201);

    const before = await fileRows();
    const res = await upload(buyer, 'image/jpeg', Buffer.concat([atLimit, Buffer.from([0])]));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toMatch(/5242880 bytes/);
    expect(await fileRows()).toBe(before);
  });

  it('turns away an empty body (400 on body)', async () => {
    const buyer = await buildBuyer(ctx);
    const res = await upload(buyer, 'image/png', Buffer.alloc(0));
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { field: 'body', reason: 'is empty: send the image bytes' },
    ]);
  });

  it('answers the stored file when the same account uploads the same bytes again (200, no second row)', async () => {
    const [buyer, other] = [await buildBuyer(ctx), await buildBuyer(ctx)];
    const bytes = png();
    const first = await upload(buyer, 'image/png', bytes);
    const before = await fileRows();
    const again = await upload(buyer, 'image/png', bytes);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await fileRows()).toBe(before);
    // Someone else's copy of the same picture is their own upload.
    const theirs = await upload(other, 'image/png', bytes);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('keeps one row when the same upload arrives several times at once', async () => {
    const buyer = await buildBuyer(ctx);
    const upload = { uploadedBy: buyer.id, declaredType: 'image/webp', bytes: webp() };
    const before = await fileRows();
    // The use case itself (requests through app.inject happen not to overlap), on connections opened
    // beforehand: opening them one by one would space the calls out.
    await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.05)`.execute(ctx.db)));
    const stored = await Promise.all(
      Array.from({ length: 8 }, () => storeEvidenceFile(ctx.db, ctx.clock, upload)),
    );
    expect(stored.filter((s) => s.created)).toHaveLength(1);
    expect(new Set(stored.map((s) => s.file.id)).size).toBe(1);
    expect(await fileRows()).toBe(before + 1);
  });

  it('needs a signed-in account (401)', async () => {
    const res = await upload(undefined, 'image/png', png());
    expect(res.status).toBe(401);
  });
});

describe('GET /evidence-files/{id}', () => {
  it('gives the uploader the bytes with their type, private caching and nosniff', async () => {
    const buyer = await buildBuyer(ctx);
    const bytes = jpeg();
    const { body } = await upload(buyer, 'image/jpeg', bytes);
    const res = await download(buyer, body.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(bytes)).toBe(true);
  });

  it('answers 404 to another account, as for a file that does not exist; 401 to anonymous; ops may read', async () => {
    const [buyer, other] = [await buildBuyer(ctx), await buildBuyer(ctx)];
    const { owner: merchant } = await buildShop(ctx);
    const { body } = await upload(buyer, 'image/png', png());
    const missing = (await download(other, 2 ** 31)).json();
    for (const intruder of [other, merchant]) {
      const res = await download(intruder, body.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe(missing.error.message.replace(String(2 ** 31), String(body.id)));
    }
    expect((await download(undefined, body.id)).statusCode).toBe(401);
    const ops = await buildOps(ctx, ['arbiter']);
    expect((await download(ops, body.id)).statusCode).toBe(200);
  });

  describe('the parties of an after-sales request whose evidence cites the file', () => {
    async function requestWithEvidence(
      party: 'buyer' | 'merchant',
      by: TestUser,
      fileId: number,
      order: Order,
    ) {
      const now = ctx.clock.now();
      const line = await ctx.db
        .selectFrom('orderLines')
        .select('id')
        .where('orderId', '=', order.orderId)
        .executeTakeFirstOrThrow();
      const request = await ctx.db
        .insertInto('aftersalesRequests')
        .values({
          orderId: order.orderId,
          orderLineId: line.id,
          buyerId: order.buyer.id,
          shopId: order.shopId,
          type: 'refund_only',
          reason: 'quality_issue',
          description: null,
          guaranteeCode: null,
          quantity: 1,
          requestedFen: order.totalFen,
          approvedFen: null,
          state: 'pending_merchant',
          deadlineAt: new Date(now.getTime() + 48 * 3_600_000),
          deadlineAction: 'approve',
          autoRule: null,
          configVersion: (await currentPolicy(ctx.db)).version,
          createdAt: now,
          updatedAt: now,
          closedAt: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('aftersalesEvidence')
        .values({ requestId: request.id, party, submittedBy: by.id, text: null, fileIds: [fileId], at: now })
        .execute();
    }
    type Order = Awaited<ReturnType<typeof buildPaidOrder>>;

    it("lets the shop's owner and staff read the buyer's evidence; other shops and buyers get 404", async () => {
      const shop = await buildShop(ctx);
      const staff = await buildStaff(ctx, shop.shopId);
      const order = await buildPaidOrder(ctx, { shopId: shop.shopId });
      const { body } = await upload(order.buyer, 'image/png', png());
      const otherShop = await buildShop(ctx);
      const otherBuyer = await buildBuyer(ctx);
      // Before it is cited, the file is the buyer's alone.
      expect((await download(shop.owner, body.id)).statusCode).toBe(404);

      await requestWithEvidence('buyer', order.buyer, body.id, order);
      expect((await download(shop.owner, body.id)).statusCode).toBe(200);
      expect((await download(staff, body.id)).statusCode).toBe(200);
      expect((await download(otherShop.owner, body.id)).statusCode).toBe(404);
      expect((await download(otherBuyer, body.id)).statusCode).toBe(404);
    });

    it("lets the request's buyer read the merchant's evidence", async () => {
      const shop = await buildShop(ctx);
      const order = await buildPaidOrder(ctx, { shopId: shop.shopId });
      const { body } = await upload(shop.owner, 'image/webp', webp());
      expect((await download(order.buyer, body.id)).statusCode).toBe(404);
      await requestWithEvidence('merchant', shop.owner, body.id, order);
      const res = await download(order.buyer, body.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
    });
  });
});

describe('requireOwnFiles', () => {
  const reasonOf = async (attempt: Promise<void>) => {
    const err = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('validation_failed');
    return (err as AppError).details.fields;
  };

  it("accepts the caller's own uploads and refuses another account's, a missing one, duplicates and more than 9", async () => {
    const [buyer, other] = [await buildBuyer(ctx), await buildBuyer(ctx)];
    const mine = [
      (await upload(buyer, 'image/png', png())).body.id,
      (await upload(buyer, 'image/jpeg', jpeg())).body.id,
    ];
    const theirs = (await upload(other, 'image/png', png())).body.id;

    await expect(requireOwnFiles(ctx.db, buyer.id, mine)).resolves.toBeUndefined();
    await expect(requireOwnFiles(ctx.db, buyer.id, [])).resolves.toBeUndefined();
    expect(await reasonOf(requireOwnFiles(ctx.db, buyer.id, [...mine, theirs]))).toEqual([
      { field: 'fileIds', reason: `file ${theirs} is not one of your uploads` },
    ]);
    expect(await reasonOf(requireOwnFiles(ctx.db, buyer.id, [2 ** 31]))).toEqual([
      { field: 'fileIds', reason: `file ${2 ** 31} is not one of your uploads` },
    ]);
    expect(await reasonOf(requireOwnFiles(ctx.db, buyer.id, [mine[0]!, mine[0]!]))).toEqual([
      { field: 'fileIds', reason: `file ${mine[0]} is listed twice` },
    ]);
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(await reasonOf(requireOwnFiles(ctx.db, buyer.id, ten))).toEqual([
      { field: 'fileIds', reason: 'at most 9 files per evidence item' },
    ]);
  });
});

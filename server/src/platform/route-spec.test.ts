import { Type } from '@sinclair/typebox';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './access.ts';
import { type App, createHttp } from './http.ts';
import { registerRoutes, route } from './route-spec.ts';

const buyer: Principal = {
  userId: 7,
  kind: 'buyer',
  opsRoles: [],
  tokenHash: Buffer.alloc(0),
  expiresAt: new Date(Date.now() + 3_600_000),
};

let app: App;
const warnings: string[] = [];

beforeAll(async () => {
  app = await createHttp({
    logger: pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) }),
    authenticate: async (token) => (token === 'buyer' ? buyer : null),
  });
  registerRoutes(
    app,
    ['demo'],
    [
      route({
        method: 'POST',
        url: '/things/:id',
        access: { kinds: ['buyer'] },
        summary: 'Make a thing',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer(), name: Type.String(), by: Type.Integer() }) },
        status: 201,
        handler: async ({ principal, params, body }) => ({
          id: params.id,
          name: body.name,
          by: principal.userId,
        }),
      }),
      route({
        method: 'POST',
        url: '/answered',
        access: 'public',
        summary: 'A handler that answers itself',
        response: { 202: Type.Object({ ok: Type.Boolean() }) },
        handler: async (_input, reply) => reply.code(202).header('x-own', 'yes').send({ ok: true }),
      }),
      route({
        method: 'GET',
        url: '/open',
        access: 'public',
        summary: 'Anyone',
        response: { 200: Type.Object({ signedIn: Type.Boolean() }) },
        handler: async ({ principal }) => ({ signedIn: principal !== null }),
      }),
    ],
  );
  await app.ready();
});

afterAll(() => app.close());

describe('route specs', () => {
  it('a spec is a route: access, schemas, the handler’s answer with its status', async () => {
    const post = (auth: string | null, payload: object) =>
      app.inject({
        method: 'POST',
        url: '/things/3',
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
        payload,
      });
    expect((await post(null, { name: 'a' })).statusCode).toBe(401);
    const bad = await post('buyer', { name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('name');
    const made = await post('buyer', { name: 'a' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toEqual({ id: 3, name: 'a', by: 7 });
    expect((await app.inject({ method: 'GET', url: '/open' })).json()).toEqual({ signedIn: false });
  });

  it('a handler that answers itself is answered once (no second send, nothing logged)', async () => {
    const res = await app.inject({ method: 'POST', url: '/answered' });
    expect(res.statusCode).toBe(202);
    expect(res.headers['x-own']).toBe('yes');
    expect(res.json()).toEqual({ ok: true });
    expect(warnings.filter((line) => line.includes('already sent'))).toEqual([]);
  });
});

import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import { setAccountStatus, setOpsRoles } from './account-admin.service.ts';
import {
  AccountSchema,
  CreateOpsBody,
  LoginBody,
  ManagedAccountSchema,
  RegisterBody,
  SessionSchema,
  SetRolesBody,
  SetStatusBody,
} from './identity.schema.ts';
import { createAccount, getAccount, issueToken, login, logout } from './identity.service.ts';
import { defaultSignInLimits, type SignInLimits, signInGuard } from './sign-in-limits.ts';
import type { TokenCache } from './token-cache.ts';

export async function identityRoutes(
  app: App,
  ctx: AppContext,
  tokens: TokenCache,
  limits: SignInLimits = defaultSignInLimits,
) {
  const { db, clock } = ctx;
  const guard = await signInGuard(app, ctx, limits);

  app.post(
    '/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Register a buyer, merchant or creator account and sign in',
        description:
          'Sign-ups are limited per login named and per address (defaultSignInLimits in identity/sign-in-limits.ts); past a limit: 429 `rate_limited` with Retry-After.',
        body: RegisterBody,
        response: { 201: SessionSchema, 409: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (request, reply) => {
      await guard.register(request);
      const account = await createAccount(db, request.body);
      reply.status(201);
      return issueToken(db, clock, account.id);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Sign in; returns a bearer token',
        description:
          'Failed sign-ins are limited per account and per address (defaultSignInLimits in identity/sign-in-limits.ts); past a limit every sign-in, right password or not, answers 429 `rate_limited` with Retry-After until the window ends.',
        body: LoginBody,
        response: { 200: SessionSchema, 401: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (request) => {
      const attempt = await guard.login(request);
      const session = await login(db, clock, request.body.login, request.body.password);
      await attempt.succeeded();
      return session;
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'user' },
      schema: {
        tags: ['identity'],
        summary: 'Revoke the bearer token of this request',
        response: { 200: Ok },
      },
    },
    async (request) => {
      await logout(db, clock, request.principal!);
      tokens.forget(request.principal!.tokenHash);
      return { ok: true as const };
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'user' },
      schema: { tags: ['identity'], summary: 'The signed-in account', response: { 200: AccountSchema } },
    },
    async (request) => getAccount(db, request.principal!.userId),
  );

  app.post(
    '/ops/accounts',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags: ['identity'],
        summary: 'Create an ops account with roles (super admin)',
        body: CreateOpsBody,
        response: { 201: AccountSchema },
      },
    },
    async (request, reply) => {
      const { roles, ...rest } = request.body;
      reply.status(201);
      return createAccount(db, { ...rest, kind: 'ops', opsRoles: roles });
    },
  );

  app.put(
    '/ops/accounts/:id/roles',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags: ['identity'],
        summary: "Replace an ops account's roles (super admin); every server applies them within a second",
        params: IdParams,
        body: SetRolesBody,
        response: { 200: ManagedAccountSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const account = await setOpsRoles(db, request.principal!, request.params.id, request.body.roles);
      tokens.forgetAccount(account.id);
      return account;
    },
  );

  app.put(
    '/ops/accounts/:id/status',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags: ['identity'],
        summary:
          'Disable an account (no sign-in; its tokens stop working on every server within a second) or enable it again (super admin)',
        params: IdParams,
        body: SetStatusBody,
        response: { 200: ManagedAccountSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const account = await setAccountStatus(db, request.principal!, request.params.id, request.body.status);
      tokens.forgetAccount(account.id);
      return account;
    },
  );
}

import pino from 'pino';
import { buildApp } from './app.ts';
import { systemClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { connect } from './platform/db.ts';
import { PgPubSub } from './platform/pubsub.ts';
import { defaultSettings } from './platform/settings.ts';

/**
 * The OpenAPI document the server serves at /openapi.json, built without a database: routes and
 * schemas do not depend on data. The web client's types are generated from it (web/src/api).
 */
export async function openApiDocument(): Promise<unknown> {
  // A pool that is never used: building the app runs no query.
  const handle = connect('postgres://unused@127.0.0.1:1/unused', { max: 1 });
  const log = pino({ level: 'silent' });
  const ctx = {
    db: handle.db,
    clock: systemClock,
    config: { ...loadConfig({}), databaseUrl: 'postgres://unused@127.0.0.1:1/unused', webDir: undefined },
    log,
    settings: { ...defaultSettings },
    pubsub: new PgPubSub(undefined),
  };
  const app = await buildApp(ctx);
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await handle.close();
  }
}

import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { PubSub } from './pubsub.ts';
import type { ReadReplica } from './read-replica.ts';
import type { Settings } from './settings.ts';

/** What every module's routes and services get: database, clock, configuration, logger, platform rules. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  settings: Settings;
  /** Messages between the server processes (LISTEN/NOTIFY). */
  pubsub: PubSub;
  /** DATABASE_READ_URL's streaming replica, read by the read-only routes (platform/read-replica.ts); unset: none. */
  replica?: ReadReplica;
}

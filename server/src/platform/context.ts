import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';

/** What every module's routes and services get: the database, the clock, the configuration and a logger. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
}

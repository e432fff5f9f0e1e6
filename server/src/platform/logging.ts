import { createRequire } from 'node:module';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/** How log lines are written: one JSON object per line (machines), or coloured text (a person). */
export type LogFormat = 'json' | 'pretty';

/** XINREN_LOG_FORMAT: `json`, `pretty`, or unset/`auto` (pretty on a terminal, JSON otherwise). */
export function logFormatFromEnv(raw: string | undefined): LogFormat | 'auto' {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'json' || value === 'pretty') return value;
  throw new Error(`XINREN_LOG_FORMAT must be json, pretty or auto, got "${raw}"`);
}

/** The format to write: the configured one, or pretty exactly when stdout is a terminal. */
export function chooseLogFormat(setting: LogFormat | 'auto', stdoutIsTty: boolean): LogFormat {
  if (setting !== 'auto') return setting;
  return stdoutIsTty ? 'pretty' : 'json';
}

/** The process's logger: JSON lines, or pino-pretty's text (loaded only then) for a terminal. */
export function createLogger(options: {
  level: string;
  format: LogFormat | 'auto';
  stdoutIsTty?: boolean;
}): Logger {
  const settings = { level: options.level, base: { service: 'xinren' } };
  const format = chooseLogFormat(options.format, options.stdoutIsTty ?? process.stdout.isTTY === true);
  if (format === 'json') return pino(settings);
  // Synchronous, in this thread (no worker): a line is on the screen before the process exits.
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => DestinationStream;
  return pino(
    settings,
    pretty({
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
      sync: true,
    }),
  );
}

/** Requests slower than this are logged at info even when they succeed (XINREN_SLOW_REQUEST_MS). */
export const DEFAULT_SLOW_REQUEST_MS = 1000;

/** The level a completed request is logged at: warn for 5xx, info when slow, debug otherwise. */
export function requestLogLevel(status: number, ms: number, slowMs: number): 'warn' | 'info' | 'debug' {
  if (status >= 500) return 'warn';
  if (ms >= slowMs) return 'info';
  return 'debug';
}

/**
 * Fastify's request logging, quieter: no "incoming request" line; one "request completed" line at
 * debug, raised to info for a slow request and to warn for a 5xx (a developer's terminal at info
 * shows what needs a look, not every poll). Errors the handler logs itself are unchanged.
 */
export class RequestLogController extends LogController {
  constructor(private readonly slowMs = DEFAULT_SLOW_REQUEST_MS) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const ms = reply.elapsedTime;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: ms }, 'request errored');
      return;
    }
    const level = requestLogLevel(reply.statusCode, ms, this.slowMs);
    // most requests: debug, off at the usual level; nothing is built for them then
    if (level === 'debug' && (reply.log as Partial<Logger>).isLevelEnabled?.('debug') === false) return;
    reply.log[level](
      { req: request, res: reply, route: request.routeOptions.url, responseTime: ms },
      level === 'info' ? 'slow request' : 'request completed',
    );
  }
}

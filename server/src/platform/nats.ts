import { connect, type NatsConnection } from '@nats-io/transport-node';

/** Subjects of this deployment start with this (several deployments may share a NATS server). */
export const NATS_PREFIX = 'xinren';

/**
 * One NATS connection per process (NATS_URL): events between processes, and JetStream for the
 * outbox. It reconnects forever: while NATS is away, live events pause and the outbox waits in
 * PostgreSQL; nothing that is sold or paid depends on it.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // the first connection waits for a server that is restarting rather than failing the start
    waitOnFirstConnect: true,
  });
}

export type { NatsConnection };

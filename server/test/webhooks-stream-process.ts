// A worker that relays the outbox to JetStream, fans the stream out and delivers webhooks (the
// stream crash test kills it): `node --import tsx test/webhooks-stream-process.ts` with
// WEBHOOKS_DB_URL, NATS_URL, OUTBOX_STREAM and OUTBOX_PREFIX; small batches, short lease and ack wait.
import pino from 'pino';
import { WebhookRunner } from '../src/modules/webhooks/index.ts';
import { systemClock } from '../src/platform/clock.ts';
import { connect } from '../src/platform/db.ts';
import { connectNats } from '../src/platform/nats.ts';

const handle = connect(process.env.WEBHOOKS_DB_URL!, { max: 3, applicationName: 'webhooks-stream-worker' });
const nats = await connectNats(process.env.NATS_URL!, `webhooks-stream-worker-${process.pid}`);
const runner = new WebhookRunner({
  db: handle.db,
  clock: systemClock,
  log: pino({ level: 'warn' }),
  allowPrivateNetworks: true, // the test's receivers listen on 127.0.0.1
  batchSize: 20,
  concurrency: 10,
  timeoutMs: 2_000,
  leaseSlackMs: 1_000,
  pollIntervalMs: 50,
  nats,
  stream: {
    streamName: process.env.OUTBOX_STREAM!,
    subjectPrefix: process.env.OUTBOX_PREFIX!,
    batchSize: 20,
    ackWaitMs: 2_000,
  },
});
runner.start();
process.stdout.write('started\n');
process.on('SIGTERM', () => {
  void runner
    .stop()
    .then(() => nats.close())
    .then(() => handle.close())
    .then(() => process.exit(0));
});

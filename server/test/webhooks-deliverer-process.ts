// A process that only delivers webhooks (the crash test kills it): `node --import tsx
// test/webhooks-deliverer-process.ts` with WEBHOOKS_DB_URL; small batches and a short lease.
import pino from 'pino';
import { WebhookRunner } from '../src/modules/webhooks/index.ts';
import { systemClock } from '../src/platform/clock.ts';
import { connect } from '../src/platform/db.ts';

const handle = connect(process.env.WEBHOOKS_DB_URL!, { max: 3, applicationName: 'webhooks-deliverer' });
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
});
runner.start();
process.stdout.write('started\n');
process.on('SIGTERM', () => {
  void runner
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tracingConfigured } from '../src/platform/telemetry.ts';
import { createTestDatabase } from './harness.ts';
import { exited, freePort, startServer, waitHealthy } from './server-process.ts';

interface ReceivedSpan {
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

/** A local OTLP/HTTP collector: keeps every span posted to /v1/traces (the JSON encoding). */
async function startCollector() {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        const message = JSON.parse(body);
        for (const rs of message.resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? [])
              spans.push({
                scope: ss.scope?.name,
                name: span.name,
                kind: span.kind,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                attributes: Object.fromEntries(
                  (span.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [
                    a.key,
                    Object.values(a.value)[0],
                  ]),
                ),
              });
      } catch {}
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, close: () => server.close() };
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('OpenTelemetry traces', () => {
  it('are on only when an OTLP endpoint is configured', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(true);
    expect(
      tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBe(false);
    expect(
      tracingConfigured({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_TRACES_EXPORTER: 'none',
      }),
    ).toBe(false);
  });

  it('reach a collector from the server process: the HTTP request and its database queries, one trace', async () => {
    const collector = await startCollector();
    cleanups.push(collector.close);
    const server = startServer(
      {
        DATABASE_URL: await createTestDatabase(),
        XINREN_DEADLINES: 'off',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_SERVICE_NAME: 'xinren-test',
      },
      await freePort(),
    );
    cleanups.push(() => server.child.kill('SIGKILL'));
    await waitHealthy(server);
    expect(server.output()).toContain('OpenTelemetry traces on');

    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'buyer', login: 'traced', password: 'password-123', displayName: 'T' }),
    });
    expect(res.status).toBe(201);

    const request = () =>
      collector.spans.find(
        (s) => s.scope === '@opentelemetry/instrumentation-http' && s.kind === 2 && s.name.startsWith('POST'),
      );
    await expect
      .poll(request, { timeout: 15_000, message: 'an HTTP server span reaches the collector' })
      .toBeDefined();
    const root = request()!;
    await expect
      .poll(
        () =>
          collector.spans.filter(
            (s) => s.scope === '@opentelemetry/instrumentation-pg' && s.traceId === root.traceId,
          ).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const trace = collector.spans.filter((s) => s.traceId === root.traceId);
    // Fastify's spans name the route; the queries hang under the request
    expect(
      trace.some((s) => s.scope === '@fastify/otel' && JSON.stringify(s).includes('/api/v1/auth/register')),
    ).toBe(true);
    const query = trace.find((s) => s.scope === '@opentelemetry/instrumentation-pg')!;
    expect(query.attributes['db.system'] ?? query.attributes['db.system.name']).toBe('postgresql');
    // probes and scrapes are not traced
    expect(collector.spans.some((s) => JSON.stringify(s).includes('/health'))).toBe(false);

    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  }, 120_000);
});

import { createRequire } from 'node:module';

/**
 * Optional OpenTelemetry traces (docs/observability.md): on when an OTLP endpoint is configured
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), unless `OTEL_SDK_DISABLED=true`
 * or `OTEL_TRACES_EXPORTER=none`. Nothing of OpenTelemetry is loaded otherwise: the packages are
 * imported dynamically here, never statically, so neither `tsx` nor the production bundle pays for them.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** Requests of probes and scrapers: no trace (they come every few seconds and say nothing). */
export const UNTRACED_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'];

type FastifyOtelClass = new (config: {
  registerOnInitialization: boolean;
  ignorePaths: (route: { url: string }) => boolean;
}) => import('@opentelemetry/instrumentation').Instrumentation;

export interface Tracing {
  /** Sends the spans still buffered and stops (the process is exiting). */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK: OTLP over HTTP (the endpoint, headers, timeout from the standard
 * `OTEL_EXPORTER_OTLP_*` variables), spans of incoming and outgoing HTTP, of every Fastify request
 * (named by its route), and of every PostgreSQL query. Call it before the app is built: @fastify/otel
 * instruments each Fastify instance created afterwards.
 */
export async function startTracing(): Promise<Tracing> {
  const [{ NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }, { PgInstrumentation }, fastifyOtel] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@fastify/otel'),
    ]);
  // CommonJS (`module.exports = class`): the class is the module, and its FastifyOtelInstrumentation.
  const FastifyOtelInstrumentation = (
    fastifyOtel as unknown as { FastifyOtelInstrumentation: FastifyOtelClass }
  ).FastifyOtelInstrumentation;
  const untraced = new Set(UNTRACED_PATHS);
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'xinren',
    traceExporter: new OTLPTraceExporter(),
    // Metrics are Prometheus' (/metrics) and logs are pino's: the SDK exports traces only.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => untraced.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: (options: { url: string }) => untraced.has(options.url),
      }),
    ],
  });
  sdk.start();
  // The server imported `pg` and `node:http` as ES modules before the SDK started (the bundle loads
  // every dependency first), so the instrumentations' require hooks have not seen them. Requiring
  // them now runs the hooks on the very objects those imports hold (Node shares one CommonJS module
  // and one core module between import and require): pg.Client.prototype.query and http's server get
  // patched in place, and their spans appear (test/telemetry.integration.test.ts).
  const require = createRequire(import.meta.url);
  for (const name of ['http', 'https', 'pg', 'pg-pool']) require(name);
  return { shutdown: () => sdk.shutdown() };
}

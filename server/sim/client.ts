/** An answer's JSON, read field by field as the apps read it. */
// biome-ignore lint/suspicious/noExplicitAny: the simulator reads answers of many routes loosely
export type Json = any;

/** What one call answered. */
export interface Answer<T = Json> {
  status: number;
  body: T;
  ok: boolean;
}

/**
 * The agents' HTTP client: real requests to the app listening on 127.0.0.1 (fetch), counted per route
 * and status so the report can say how many calls the platform refused and why.
 */
export class SimClient {
  readonly calls = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  /** The first answer of each kind of refusal, for the report. */
  readonly samples = new Map<string, string>();
  private keySeq = 0;
  constructor(
    private readonly baseUrl: string,
    private readonly seed: number,
  ) {}

  /** An idempotency key unique within the run and the same for the same seed. */
  key(): string {
    return `sim-${this.seed}-${String(++this.keySeq).padStart(8, '0')}`;
  }

  async call<T = Json>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    route: string,
    url: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; idempotent?: boolean } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.idempotent) headers['idempotency-key'] = this.key();
    let payload: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(opts.body);
    } else if (method === 'POST') {
      headers['content-type'] = 'application/json';
      payload = '{}';
    }
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload });
    const text = await res.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {}
    const name = `${method} ${route}`;
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    if (res.status >= 400) {
      const code = body?.error?.code ?? String(res.status);
      const refusal = `${name} → ${res.status} ${code}`;
      this.refusals.set(refusal, (this.refusals.get(refusal) ?? 0) + 1);
      if (!this.samples.has(refusal))
        this.samples.set(refusal, (typeof text === 'string' ? text : '').slice(0, 300));
    }
    return { status: res.status, body: body as T, ok: res.status < 300 };
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }
}

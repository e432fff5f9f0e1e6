import { describe, expect, it } from 'vitest';
import { createXinrenClient, XinrenApiError } from '../src/index.ts';

describe('XinrenApiError', () => {
  it("carries the server's code, message, details, refused fields, retry-after and request id", () => {
    const response = new Response(null, {
      status: 429,
      headers: { 'retry-after': '7', 'x-request-id': 'req-1' },
    });
    const error = XinrenApiError.fromResponse(response, {
      error: { code: 'rate_limited', message: 'Slow down', details: { retryAfterSeconds: 7 } },
    });
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'Slow down' });
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.requestId).toBe('req-1');
    expect(error.fields).toEqual([]);
    const invalid = XinrenApiError.fromResponse(new Response(null, { status: 400 }), {
      error: {
        code: 'validation_failed',
        message: 'x',
        details: { fields: [{ field: 'items.0.quantity', in: 'body', reason: 'must be >= 1' }] },
      },
    });
    expect(invalid.fields).toEqual([{ field: 'items.0.quantity', in: 'body', reason: 'must be >= 1' }]);
  });

  it('an answer that is not the error body (a proxy page) still gives a status and a code', () => {
    const error = XinrenApiError.fromResponse(
      new Response(null, { status: 502, statusText: 'Bad Gateway' }),
      '<html>',
    );
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: '502 Bad Gateway', details: {} });
  });
});

describe('createXinrenClient', () => {
  it('asks a token function before each request and sends the User-Agent and extra headers', async () => {
    const requests: Request[] = [];
    let n = 0;
    const xr = createXinrenClient({
      baseUrl: 'http://xinren.test/',
      token: async () => `token-${++n}`,
      userAgent: 'acme-erp/1.0',
      headers: { 'x-tenant': 'a' },
      fetch: async (request) => {
        requests.push(request);
        return Response.json({ status: 'ok' });
      },
    });
    await xr.GET('/health');
    await xr.GET('/health');
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(requests[0]!.headers.get('user-agent')).toBe('acme-erp/1.0');
    expect(requests[0]!.headers.get('x-tenant')).toBe('a');
    expect(requests[0]!.url).toBe('http://xinren.test/health');
    const anonymous = createXinrenClient({
      baseUrl: 'http://xinren.test',
      fetch: async (r) => {
        requests.push(r);
        return Response.json({});
      },
    });
    await anonymous.GET('/health');
    expect(requests[2]!.headers.get('authorization')).toBeNull();
    expect(requests[2]!.headers.get('user-agent')).toMatch(/^xinren-sdk\//);
  });
});

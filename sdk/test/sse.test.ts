import { describe, expect, it } from 'vitest';
import { createXinrenClient, EventStreamParser } from '../src/index.ts';

describe('EventStreamParser', () => {
  it('parses events split anywhere across chunks, skipping comments, joining data lines', () => {
    const text =
      ': heartbeat\n\nevent: snapshot\ndata: {"unread":2}\n\nevent: note\ndata: line one\ndata: line two\r\n\r\ndata: {"plain":true}\n\nid: 7\nevent: comment\ndata: {"id":7}\nretry: 2500\n\n';
    const expected = [
      { event: 'snapshot', data: '{"unread":2}' },
      { event: 'note', data: 'line one\nline two' },
      { event: 'message', data: '{"plain":true}' },
      { event: 'comment', data: '{"id":7}', id: '7', retry: 2500 },
    ];
    for (const size of [1, 2, 3, 7, 1000]) {
      const parser = new EventStreamParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual(expected);
      expect(parser.lastEventId).toBe('7');
    }
  });

  it('dispatches nothing for an event without data, and keeps a partial event for the next chunk', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: empty\n\nevent: x\ndata: 1')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ event: 'x', data: '1' }]);
  });
});

/** A fetch answering each call with the next scripted stream (or status), recording the requests. */
function scriptedFetch(script: (string[] | number)[]) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const step = script.shift();
    if (step === undefined) {
      // no more scripted answers: a stream that stays open until the client aborts
      return new Response(
        new ReadableStream({
          start(controller) {
            request.signal.addEventListener('abort', () => controller.error(request.signal.reason));
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    }
    if (typeof step === 'number') {
      return Response.json(
        { error: { code: 'unavailable', message: 'down', details: {} } },
        { status: step },
      );
    }
    const encoder = new TextEncoder();
    return new Response(
      new ReadableStream({
        start(controller) {
          for (const chunk of step) controller.enqueue(encoder.encode(chunk));
          controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  };
  return { fetch, requests };
}

describe('subscribe', () => {
  it('reconnects when the stream ends or the server fails, sending Last-Event-ID, until closed', async () => {
    const { fetch, requests } = scriptedFetch([
      ['event: snapshot\ndata: {"unread":0}\n\n', 'id: 41\nevent: message\ndata: {"conversationId":1}\n\n'],
      503,
      ['event: snapshot\ndata: {"unread":1}\n\n'],
    ]);
    const client = createXinrenClient({ baseUrl: 'http://xinren.test', token: 't0k', fetch });
    const stream = client.subscribe('/api/v1/chat/stream', undefined, { reconnect: { delayMs: 5 } });
    const seen: unknown[] = [];
    for await (const message of stream) {
      seen.push(message);
      if (seen.length === 3) stream.close();
    }
    expect(seen).toEqual([
      { event: 'snapshot', data: { unread: 0 } },
      { event: 'message', data: { conversationId: 1 }, id: '41' },
      { event: 'snapshot', data: { unread: 1 } },
    ]);
    expect(requests.map((r) => r.headers.get('last-event-id'))).toEqual([null, '41', '41']);
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer t0k');
    expect(requests[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(requests[0]!.url).toBe('http://xinren.test/api/v1/chat/stream');
  });

  it('does not retry a refusal (401), and stops at once when the signal aborts', async () => {
    const { fetch } = scriptedFetch([401]);
    const client = createXinrenClient({ baseUrl: 'http://xinren.test', fetch });
    const iterate = async () => {
      for await (const _ of client.subscribe('/api/v1/chat/stream')) return;
    };
    await expect(iterate()).rejects.toMatchObject({ status: 401, code: 'unavailable' });

    const open = scriptedFetch([]);
    const controller = new AbortController();
    const stream = createXinrenClient({ baseUrl: 'http://xinren.test', fetch: open.fetch }).subscribe(
      '/api/v1/chat/stream',
      undefined,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    const seen = [];
    for await (const message of stream) seen.push(message);
    expect(seen).toEqual([]);
  });

  it('gives up after maxAttempts failed connections in a row', async () => {
    const { fetch, requests } = scriptedFetch([500, 500, 500]);
    const client = createXinrenClient({ baseUrl: 'http://xinren.test', fetch });
    const iterate = async () => {
      for await (const _ of client.subscribe('/api/v1/chat/stream', undefined, {
        reconnect: { delayMs: 1, maxAttempts: 3 },
      }))
        return;
    };
    await expect(iterate()).rejects.toThrow('gave up after 3 failed attempts');
    expect(requests).toHaveLength(3);
  });
});

import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';

/**
 * A server-sent-event stream held open for a benchmark: resolves once the server's `snapshot` event
 * arrived, then calls `onEvent(name, data, at)` for every other event with its JSON data and the time
 * its chunk arrived (performance.now()). `close()` aborts it at the end of the run.
 */
export async function openEventStream(
  pool: Pool,
  path: string,
  onEvent: (name: string, data: unknown, at: number) => void,
  token?: string,
): Promise<{ close(): void }> {
  const abort = new AbortController();
  const res = await pool.request({
    method: 'GET',
    path,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: abort.signal,
  });
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${await res.body.text()}`);
  let buffer = '';
  let snapshot: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    snapshot = resolve;
  });
  void (async () => {
    try {
      for await (const chunk of res.body) {
        const at = performance.now();
        buffer += chunk.toString();
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event = /^event: (\S+)\ndata: ([\s\S]*)$/.exec(block);
          if (block.startsWith('event: snapshot')) snapshot();
          else if (event) onEvent(event[1]!, JSON.parse(event[2]!), at);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await ready;
  return { close: () => abort.abort() };
}

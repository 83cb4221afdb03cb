import { createServer, type Server } from 'node:http';
import type { InfluxDB1 } from '@algotrader/testkit';

/** Forwards the InfluxDB v2 write API the metrics sink speaks to the v1 `/write` of InfluxDB 1.x. */
export function v2WriteProxy(target: InfluxDB1): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (req.method !== 'POST' || url.pathname !== '/api/v2/write') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params = new URLSearchParams({
      db: url.searchParams.get('bucket') ?? '',
      precision: url.searchParams.get('precision') ?? 'ns',
    });
    const encoding = req.headers['content-encoding'];
    const r = await fetch(`${target.url}/write?${params}`, {
      method: 'POST',
      body: Buffer.concat(chunks),
      headers: typeof encoding === 'string' ? { 'content-encoding': encoding } : {},
    });
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

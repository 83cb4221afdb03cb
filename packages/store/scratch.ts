import { DuckDBInstance, DuckDBDataChunk, DOUBLE, type DuckDBDoubleVector } from '@duckdb/node-api';
const N = 1_000_000;
const cols = Array.from({ length: 6 }, () => new Float64Array(N));
for (let i = 0; i < N; i++) { cols[0]![i] = 1700000000000 + i * 60000; for (let c = 1; c < 6; c++) cols[c]![i] = 100 + Math.sin(i) * c; }
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
let t = performance.now();
await con.run('create temp table s(open_time double, open double, high double, low double, close double, volume double)');
const app = await con.createAppender('s');
const chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE]);
for (let off = 0; off < N; off += 2048) {
  const n = Math.min(2048, N - off);
  chunk.reset();
  chunk.rowCount = n;
  for (let c = 0; c < 6; c++) {
    const v = chunk.getColumnVector(c) as DuckDBDoubleVector;
    const src = cols[c]!;
    for (let i = 0; i < n; i++) v.setItem(i, src[off + i]!);
    v.flush();
  }
  app.appendDataChunk(chunk);
}
app.closeSync();
console.log('append', performance.now() - t);
const r0 = await con.runAndReadAll('select count(*), min(open_time), max(open_time), sum(close) from s');
console.log(r0.getRowsJS());
t = performance.now();
await con.run(`copy (select open_time::bigint as open_time, open, high, low, close, volume from s order by open_time) to '/tmp/stx/a.parquet' (format parquet, compression zstd)`);
console.log('copy', performance.now() - t);
t = performance.now();
const res = await con.run(`select open_time::double, open, high, low, close, volume from read_parquet(['/tmp/stx/a.parquet']) order by open_time`);
console.log('query', performance.now() - t, res.rowCount, res.chunkCount);
const out = Array.from({ length: 6 }, () => new Float64Array(res.rowCount));
let row = 0;
for (let k = 0; k < res.chunkCount; k++) {
  const ch = res.getChunk(k);
  const n = ch.rowCount;
  for (let c = 0; c < 6; c++) {
    const v = ch.getColumnVector(c) as DuckDBDoubleVector;
    const dst = out[c]!;
    for (let i = 0; i < n; i++) dst[row + i] = v.getItem(i) as number;
  }
  row += n;
}
console.log('read total', performance.now() - t, row, out[0]![N-1] === cols[0]![N-1], out[4]![12345] === cols[4]![12345]);
const pr = await con.prepare('select 1'); console.log(pr.statementType);

import { DuckDBInstance, type DuckDBDoubleVector } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
for (let rep = 0; rep < 3; rep++) {
let t = performance.now();
const res = await con.run(`select open_time::double, open, high, low, close, volume from read_parquet(['/tmp/stx/a.parquet']) order by open_time`);
const tq = performance.now() - t;
const out = Array.from({ length: 6 }, () => new Float64Array(res.rowCount));
let row = 0;
for (let k = 0; k < res.chunkCount; k++) {
  const ch = res.getChunk(k);
  const n = ch.rowCount;
  for (let c = 0; c < 6; c++) {
    const v = ch.getColumnVector(c) as unknown as { items: Float64Array };
    out[c]!.set(v.items, row);
  }
  row += n;
}
console.log('raw: query', tq, 'total', performance.now() - t);
t = performance.now();
const res2 = await con.run(`select open_time::double, open, high, low, close, volume from read_parquet(['/tmp/stx/a.parquet']) order by open_time`);
const tq2 = performance.now() - t;
row = 0;
for (let k = 0; k < res2.chunkCount; k++) {
  const ch = res2.getChunk(k);
  const n = ch.rowCount;
  for (let c = 0; c < 6; c++) {
    const v = ch.getColumnVector(c) as DuckDBDoubleVector;
    const dst = out[c]!;
    for (let i = 0; i < n; i++) dst[row + i] = v.getItem(i) as number;
  }
  row += n;
}
console.log('getItem: query', tq2, 'total', performance.now() - t);
t = performance.now();
const res3 = await con.run(`select open_time::double, open, high, low, close, volume from read_parquet(['/tmp/stx/a.parquet'])`);
console.log('no order query', performance.now() - t);
}

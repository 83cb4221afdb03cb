import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(`copy (select 1720569600000::bigint as open_time, 1.0::double as open) to '/tmp/stx/h/venue=okx/symbol=BTC-USDT/tf=1h/year=2024/month=07/.x.parquet.tmp' (format parquet, compression zstd)`);
await con.run(`copy (select 1720569600001::bigint as open_time, 1.0::double as open) to '/tmp/stx/h/venue=okx/symbol=BTC-USDT/tf=1h/year=2024/month=07/a.parquet' (format parquet, compression zstd)`);
const r = await con.runAndReadAll(`select * from read_parquet('/tmp/stx/h/*/*/*/*/*/*.parquet', hive_partitioning=true)`);
console.log(r.columnNames(), r.columnTypes().map(String), r.getRowsJS());
const r2 = await con.runAndReadAll(`select * from read_parquet('/tmp/stx/h/*/*/*/*/*/*', hive_partitioning=true)`).catch(e=>String(e));
console.log(typeof r2 === 'string' ? r2 : r2.getRowsJS());
try { await con.run(`create or replace temp view v as select * from read_parquet('/tmp/stx/none/*/*.parquet', hive_partitioning=true)`); console.log('view ok'); } catch (e) { console.log('view err', String(e)); }
for (const q of ['describe select 1', 'show tables', 'summarize select 1 as a', 'explain select 1', 'pragma version', 'with a as (select 1) select * from a', 'from range(3)', 'copy (select 1) to \'/tmp/stx/x.csv\'', 'select 1; select 2']) {
  const ex = await con.extractStatements(q);
  const p = await ex.prepare(0);
  console.log(q, ex.count, p.statementType);
}
const rr = await con.runAndReadAll('select 2::bigint as a, 9007199254740993::bigint b, 1.5::double c, now()::timestamp d, NULL e, \'x\' f, 3::hugeint g, 1.25::decimal(10,2) h');
console.log(rr.getRowsJS(), rr.getRowsJson());

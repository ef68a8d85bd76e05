import { clickHouseClient } from './store/clickhouse/client.ts';
import { sqlString } from './store/clickhouse/literal.ts';
const c = clickHouseClient('http://127.0.0.1:29207/');
const q = async (sql: string) => { try { console.log(JSON.stringify(await c.query(sql))); } catch (e) { console.log((e as Error).message.slice(0, 400)); } };
const s = sqlString('İSTANBUL Ⱥ\nᎠ ǅ 𐐀 ä\u0000x');
await q(`SELECT arrayStringConcat(arrayMap(ch -> transform(ch, ['İ','Ⱥ','Ꭰ','ǅ','𐐀','S'], ['i','ⱥ','ꭰ','ǆ','𐐨','s'], ch), extractAll(${s}, '(?s).'))) AS l`);
await q(`SELECT arrayStringConcat(arrayMap(ch -> transform(ch, ['İ'], ['i'], ch), extractAll(x, '(?s).'))) AS l FROM (SELECT arrayJoin([${s}, '', 'abc']) AS x)`);

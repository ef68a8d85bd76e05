import { generateHistory } from './cli/demo/history.ts';
import { loadRecordedScenes } from './cli/demo/replays.ts';
const h = generateHistory(1, loadRecordedScenes());
const batches = h.deliveries.filter((d: any) => d.kind === 'events') as any[];
const server = h.deliveries.filter((d: any) => d.kind === 'server').flatMap((d: any) => d.events);
const pageBatch = new Map<string, any>();
for (const b of batches) for (const e of b.events) if (e.name === 'pageview') pageBatch.set(e.page_id, b);
const signups = batches.flatMap((b) => b.events.filter((e: any) => e.name === 'sign_up').map((e: any) => ({ e, b })));
const groups: Record<string, number[]> = {};
for (const { e, b } of signups) {
  const v = b.visitor;
  const kind = !v.clientId ? 'anon' : v.userId ? 'identified' : 'remembered';
  const pays = server.filter((p: any) => p.name === 'payment_confirmed' && pageBatch.get(p.page_id)?.visitor === v && p.ts > e.ts);
  const key = `${kind} payments=${Math.min(pays.length, 2)}`;
  groups[key] = groups[key] ?? [];
  groups[key].push(pays.length ? Math.round((pays[0].ts - e.ts) / 3.6e6) : -1);
}
for (const [k, v] of Object.entries(groups).sort()) console.log(k, v.length, 'first after h (median):', v.sort((a,b)=>a-b)[v.length>>1]);
// members' buy visits scheduled

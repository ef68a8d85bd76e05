export type { StoredEvent } from './event.ts';
export { StoreError } from './errors.ts';
export type { PlainRow, PlainValue } from './values.ts';
export { Store, type StoreOptions } from './store.ts';

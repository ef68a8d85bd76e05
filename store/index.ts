export { StoreError } from './errors.ts';
export type { StoredEvent } from './event.ts';
export { Store, type StoreOptions } from './store.ts';
export type { PlainRow, PlainValue } from './values.ts';

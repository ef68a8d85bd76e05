/** The stored event's shape is derived from the column list, where each column is declared once. */
export type { StoredEvent } from './event-columns.ts';

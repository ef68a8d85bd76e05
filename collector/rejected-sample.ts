import type { RejectedPayload } from '../store/index.ts';

/**
 * Keeps a few refused bodies until the writer stores them (capped in the table as well), so an
 * operator can see what clients get wrong. Lossy on purpose: a flood of junk never costs memory.
 */
export class RejectedSample {
  readonly #maxPending: number;
  #pending: RejectedPayload[] = [];

  constructor(maxPending = 100) {
    this.#maxPending = maxPending;
  }

  add(sample: RejectedPayload): void {
    if (this.#pending.length < this.#maxPending) this.#pending.push(sample);
  }

  take(): RejectedPayload[] {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }
}

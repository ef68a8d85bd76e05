import { type ClientAddress, socketAddress } from '../../collector/client-address.ts';
import { incomingOf } from '../../collector/guards.ts';

/**
 * The collector's clock in the demo: real time, except while the seeder delivers the simulated
 * history. The collector stamps each request with the time it arrived and corrects the client's
 * clock from the batch's `sent_at`, never trusting a client to say "this happened last month"
 * (it keeps events at most 7 days before their arrival). So the history arrives at its own time:
 * the seeder sets this clock to the moment its requests are sent, and only before the demo serves
 * anyone, so no real request is ever stamped with a simulated time.
 */
export class DemoClock {
  #at: number | undefined;

  readonly now = (): number => this.#at ?? Date.now();

  /** Makes the collector's clock read `at` (epoch milliseconds) until `release()`. */
  set(at: number): void {
    this.#at = at;
  }

  release(): void {
    this.#at = undefined;
  }
}

/** Header that carries a simulated visitor's network address on the seeder's in-process requests. */
export const SIMULATED_ADDRESS_HEADER = 'x-polku-demo-address';

/**
 * The client address for the visitor hash: the socket's for every request from the network, and
 * for in-process requests (the seeder's `app.request`, which have no socket) the simulated address
 * they carry, so thousands of simulated people are not one visitor. The header is ignored on
 * requests that came over a socket, so nobody outside the process can choose their address.
 */
export const demoClientAddress: ClientAddress = (c) =>
  incomingOf(c) ? socketAddress(c) : (c.req.header(SIMULATED_ADDRESS_HEADER) ?? '');

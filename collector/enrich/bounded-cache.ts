/**
 * A Map that forgets its oldest entry once it holds `size` entries. For results derived from values
 * that traffic repeats (user agents, page URLs, referrers): a hit costs a lookup instead of a parse,
 * and a flood of distinct values costs at most `size` entries.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Remembers `value` under `key` and returns it. */
  set(key: K, value: V): V {
    if (this.#entries.size >= this.#size) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

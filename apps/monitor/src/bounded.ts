/**
 * A Map that forgets its oldest entries beyond `capacity`: the monitor remembers recent order ids
 * and event keys (to ignore redeliveries) without growing for ever.
 */
export class BoundedMap<K, V> {
  readonly #map = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.#capacity) {
      const oldest = this.#map.keys().next();
      if (oldest.done) break;
      this.#map.delete(oldest.value);
    }
  }

  /** Records `key`; false when it was already there (a duplicate). */
  add(key: K, value: V): boolean {
    if (this.#map.has(key)) return false;
    this.set(key, value);
    return true;
  }
}

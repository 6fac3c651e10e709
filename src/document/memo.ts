/**
 * Answers kept by key, all forgotten at once when `limit` are held. A mail repeats the same inputs
 * thousands of times (a style on every entry of a digest, a link text in every event of a calendar,
 * the same addresses in every message of an mbox): each is worked out once, and a mail that never
 * repeats holds at most `limit` of them. For answers that depend on the key alone.
 */
export class BoundedMemo<K, V> {
  private readonly kept = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The answer for `key`, made by `make` when it is not kept. */
  get(key: K, make: (key: K) => V): V {
    // One lookup for a kept answer; has() only tells an answer of undefined from a missing one.
    const kept = this.kept.get(key);
    if (kept !== undefined || this.kept.has(key)) return kept as V;
    const value = make(key);
    if (this.kept.size >= this.limit) this.kept.clear();
    this.kept.set(key, value);
    return value;
  }
}

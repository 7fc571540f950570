/**
 * Stable keys for a rendered list from what each item says; an item said twice gets a numbered
 * key ("Go", "Go#2"), so equal items keep apart without keying on their position.
 */
export function keyed<T>(items: readonly T[], keyOf: (item: T) => unknown): Array<[string, T]> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = String(JSON.stringify(keyOf(item)));
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return [count === 1 ? base : `${base}#${count}`, item];
  });
}

/**
 * Ranks for a table people compare themselves in: higher is better, ties share a rank and the next
 * rank skips (1, 2, 2, 4), the way standings are printed.
 */
export function competitionRanks<T>(items: readonly T[], keys: ReadonlyArray<(item: T) => number>): number[] {
  const compare = (a: T, b: T) => {
    for (const key of keys) {
      const d = key(b) - key(a);
      if (d !== 0) return d;
    }
    return 0;
  };
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => compare(a.item, b.item));
  const ranks = new Array<number>(items.length);
  order.forEach((entry, position) => {
    const previous = order[position - 1];
    ranks[entry.index] = previous && compare(previous.item, entry.item) === 0 ? (ranks[previous.index] as number) : position + 1;
  });
  return ranks;
}

/**
 * Results remembered per key together with the version of the data they were computed from; a caller passes the
 * data's current version (read from the database *before* computing) and gets the remembered result only when it
 * matches. Nothing is shared between app instances and nothing can go stale: each instance computes a key at most
 * once per version, and the version lives in the database. Least recently used entries go first.
 */
export type VersionedMemo<T> = {
  get(key: string, version: string, compute: () => Promise<T>): Promise<T>;
  /** Hits and misses since creation (benchmarks and tests). */
  readonly stats: { hits: number; misses: number };
};

export function versionedMemo<T>(maxEntries: number): VersionedMemo<T> {
  const entries = new Map<string, { version: string; value: Promise<T> }>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    async get(key, version, compute) {
      const found = entries.get(key);
      if (found && found.version === version) {
        stats.hits++;
        entries.delete(key); // re-inserted below: most recently used last
        entries.set(key, found);
        return found.value;
      }
      stats.misses++;
      // Concurrent callers of the same key and version share one computation; a failure is not remembered.
      const value = compute();
      entries.delete(key);
      entries.set(key, { version, value });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}

/** What a repository function is given to remember a result under a key (or to compute it every time). */
export type Remember<T> = (key: string, run: () => Promise<T>) => Promise<T>;

/** The memo's `get` for one version, in the shape a repository function takes. */
export function rememberAt<T>(memo: VersionedMemo<T>, version: string): Remember<T> {
  return (key, run) => memo.get(key, version, run);
}

/**
 * One memo per database handle: versions are only comparable within one database (tests run many in a process).
 */
export function memoPerDatabase<T>(maxEntries: number): (db: object) => VersionedMemo<T> {
  const memos = new WeakMap<object, VersionedMemo<T>>();
  return (db) => {
    const found = memos.get(db);
    if (found) return found;
    const memo = versionedMemo<T>(maxEntries);
    memos.set(db, memo);
    return memo;
  };
}

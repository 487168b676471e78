// Shared by bench/hazards-data.ts and bench/hazards.ts: where the 1,000,000-hazard bench database lives.
// BENCH_PG_URL names the server (trust auth, any database on it); the bench database is created beside it.

export const benchDatabaseName = process.env.BENCH_HAZARDS_DB ?? "redline_bench_hazards";

const server = new URL(process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");

/** The maintenance database (create/drop the bench database from here). */
export function adminUrl(): string {
  const u = new URL(server);
  u.pathname = "/postgres";
  return u.toString();
}

export function benchUrl(): string {
  const u = new URL(server);
  u.pathname = `/${benchDatabaseName}`;
  return u.toString();
}

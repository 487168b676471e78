import type { Config } from "./kernel/config.js";
import type { Db, DbKind } from "./kernel/db/db.js";

/** What buildApp needs: tests pass a cloned database and a controllable clock. */
export type AppDeps = {
  db: Db;
  dbKind: DbKind;
  config: Config;
  clock: () => Date;
  version: string;
  /** Serve the built web client from this folder, if given. */
  webDist?: string;
};

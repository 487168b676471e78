import { customType, date, timestamp } from "drizzle-orm/pg-core";

/** An instant, stored with time zone (UTC in, UTC out). */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A calendar day (YYYY-MM-DD, reasoned in Asia/Shanghai), read as a string so no time zone shifts it. */
export const day = (name: string) => date(name, { mode: "string" });

/** Raw bytes (photos, site plans), kept in the database so every app instance serves the same file. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

import { defineConfig } from "drizzle-kit";

// Migrations are generated from every *.schema.ts (kernel and modules) and applied at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./server/kernel/**/*.schema.ts", "./server/modules/**/*.schema.ts"],
  out: "./server/db/migrations",
});

// npm run audit:verify — re-computes the audit hash chain of the configured database (DATA_DIR or DATABASE_URL).
import { verifyAuditChain } from "../server/kernel/audit/audit.js";
import { ConfigError, loadConfig } from "../server/kernel/config.js";
import { openDatabase } from "../server/kernel/db/open.js";

try {
  const database = await openDatabase(loadConfig());
  const result = await verifyAuditChain(database.db);
  await database.close();
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} rows checked / 审计链完整，已校验 ${result.checked} 条`);
  } else {
    console.log(
      `audit chain BROKEN — first broken row: ${result.firstBrokenId} (${result.checked} rows before it intact) / 审计链被篡改，首个异常记录 id=${result.firstBrokenId}`,
    );
    process.exitCode = 1;
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 2;
}

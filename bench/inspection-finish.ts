// bench/inspection-finish — finishing an inspection of 200 items with 40 failures on embedded PGlite (issue 7,
// target ≤ 500 ms): the preconditions, then in one transaction the record closed, 3 signatures, 40 hazards (5 重大
// with their criterion, each failed item's photo carried over as a 'before' photo), their timeline and audit rows,
// the county notified of the 重大 ones, every response linked to its hazard; then the detail the API answers.
// Each round is a fresh inspection answered through the same use cases the API calls.
// Run: npm run bench:inspection   (BENCH_ROUNDS, default 7; BENCH_PHOTO_KB, default 250)
import { randomBytes, randomUUID } from "node:crypto";
import type { ChecklistContent, ChecklistItem } from "../domain/inspections/checklist.js";
import type { Ctx } from "../server/kernel/auth/actor.js";
import { openPglite, rows, sql } from "../server/kernel/db/db.js";
import { migrateDatabase } from "../server/kernel/db/migrate.js";
import { createUser } from "../server/modules/accounts/users.service.js";
import { createChecklist, publishChecklist } from "../server/modules/checklists/checklists.service.js";
import { ensureDefaultIndustryMapping } from "../server/modules/departments/departments.service.js";
import { createEnterprise } from "../server/modules/enterprises/enterprises.service.js";
import { ensureBuiltInIndustries } from "../server/modules/industries/industries.service.js";
import { createInspection, finishInspection, putInspectionResponses } from "../server/modules/inspections/inspections.service.js";
import { builtInDivisions, importDivisions } from "../server/modules/regions/regions.service.js";
import { usccFor } from "../server/test/harness.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const photoBytes = Number(process.env.BENCH_PHOTO_KB ?? 250) * 1024;
const itemCount = 200;
const failures = 40;
const majorFailures = 5;

const database = await openPglite(undefined);
await migrateDatabase(database);
const db = database.db;
const now = () => new Date();
const system: Ctx = {
  actor: {
    userId: "00000000-0000-4000-8000-000000000000",
    username: "bench",
    displayName: "bench",
    role: "admin",
    regionCode: null,
    enterpriseId: null,
    mustChangePassword: false,
    via: { kind: "token", tokenId: "bench" },
  },
  ip: null,
  now: now(),
};
await importDivisions(
  db,
  { actor: null, ip: null, now: now() },
  builtInDivisions().filter((r) => r.code === "32" || r.code.startsWith("3204")),
  "bench",
);
await ensureBuiltInIndustries(db, now());
await ensureDefaultIndustryMapping(db, now());
const enterprise = await createEnterprise(db, system, {
  name: "溧阳市检查基准化工有限公司",
  uscc: usccFor(424242),
  address: "溧阳市溧城街道基准路1号",
  regionCode: "320481002001",
  industryCode: "2614",
  category: "hazardous_chemicals",
  scale: "small",
  headcount: 80,
  legalRepresentative: "张三",
  principalName: "张三",
  principalPhone: "13900000000",
  hasMajorHazardSource: false,
  standardisationGrade: "level3",
  status: "operating",
});

// Two certified county inspectors and the county's leader (who is notified of the 重大 hazards).
const team = [];
for (const [n, role] of [
  [1, "regulator_inspector"],
  [2, "regulator_inspector"],
  [3, "regulator_leader"],
] as const) {
  const u = await createUser(db, system, {
    username: `bench-inspector-${n}`,
    displayName: `检查员${n}`,
    role,
    regionCode: "320481",
    password: "Bench#2026-inspection",
  });
  await db.execute(sql`update users set enforcement_cert_no = ${`JF3204810000${n}`} where id = ${u.id}`);
  team.push(u);
}
const [ins1, ins2] = team as [(typeof team)[0], (typeof team)[0]];
const inspectorCtx = (): Ctx => ({
  actor: {
    userId: ins1.id,
    username: ins1.username,
    displayName: ins1.displayName,
    role: "regulator_inspector",
    regionCode: "320481",
    enterpriseId: null,
    mustChangePassword: false,
    via: { kind: "token", tokenId: "bench" },
  },
  ip: null,
  now: now(),
});

// 10 sections × 20 items; items 0, 5, 10, … fail: the first 5 of them from the 化工 判定标准 (重大), the rest 一般
// with photoOnFail.
const chemCriteria = ["aj2017-121-chem-1", "aj2017-121-chem-2", "aj2017-121-chem-3", "aj2017-121-chem-4", "aj2017-121-chem-5"];
const failing = new Set(Array.from({ length: failures }, (_, i) => i * (itemCount / failures)));
const itemAt = (n: number): ChecklistItem => {
  const major = failing.has(n) && n / (itemCount / failures) < majorFailures;
  return {
    id: `item-${String(n).padStart(3, "0")}`,
    question: `第${n + 1}项：现场安全设施是否符合要求`,
    type: "pass_fail",
    photoOnFail: failing.has(n) && !major,
    min: null,
    max: null,
    unit: null,
    clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第三十六条" },
    onFail: major ? "major" : "general",
    criterionId: major ? (chemCriteria[n / (itemCount / failures)] as string) : null,
    hazardCategory: "site_management",
    hazardSubType: "equipment_process",
  };
};
const content: ChecklistContent = {
  sections: Array.from({ length: 10 }, (_, s) => ({
    id: `s${s}`,
    title: `第${s + 1}部分`,
    items: Array.from({ length: 20 }, (_, i) => itemAt(s * 20 + i)),
  })),
};
const checklist = await createChecklist(db, system, { name: "基准检查表（200项）", category: null, draft: content });
await publishChecklist(db, system, checklist.id, { version: checklist.version });

/** A JPEG as a phone sends it after resizing: SOI, APP0 (JFIF), SOS, entropy-coded bytes, EOI. */
const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0]),
    randomBytes(photoBytes),
    Buffer.from([0xff, 0xd9]),
  ]).toString("base64");
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC", "base64").toString(
  "base64",
);

async function oneRound(): Promise<{ ms: number; hazards: number; photos: number }> {
  const ctx = inspectorCtx();
  const started = await createInspection(db, ctx, {
    kind: "planned",
    enterpriseId: enterprise.id,
    checklistId: checklist.id,
    inspectorIds: [ins1.id, ins2.id],
  });
  const items = content.sections.flatMap((s) => s.items);
  const answered = await putInspectionResponses(db, inspectorCtx(), started.id, {
    version: started.version,
    responses: items.map((it, n) => ({
      id: randomUUID(),
      itemId: it.id,
      result: failing.has(n) ? "fail" : "pass",
      number: null,
      text: null,
      note: failing.has(n) ? "现场发现问题，已拍照" : null,
    })),
    photos: [],
    removePhotoIds: [],
  });
  let version = answered.version;
  const photoItems = items.filter((it) => it.photoOnFail);
  for (let i = 0; i < photoItems.length; i += 8) {
    const batch = await putInspectionResponses(db, inspectorCtx(), started.id, {
      version,
      responses: [],
      photos: photoItems.slice(i, i + 8).map((it) => ({
        id: randomUUID(),
        itemId: it.id,
        contentType: "image/jpeg" as const,
        data: jpeg(),
      })),
      removePhotoIds: [],
    });
    version = batch.version;
  }
  const signatures = [
    { signer: "inspector" as const, name: ins1.displayName, userId: ins1.id, image: png },
    { signer: "inspector" as const, name: ins2.displayName, userId: ins2.id, image: png },
    { signer: "enterprise" as const, name: "张三", image: png },
  ];
  const t0 = performance.now();
  const done = await finishInspection(db, inspectorCtx(), started.id, { version, signatures });
  const ms = performance.now() - t0;
  const [photos] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from hazard_photos p join hazards h on h.id = p.hazard_id where h.source_ref = ${started.id}`,
  );
  return { ms, hazards: done.hazards.length, photos: photos?.n ?? 0 };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
};
console.log(
  `finish: ${itemCount} items, ${failures} failed (${majorFailures} 重大), photos of ${photoBytes / 1024} KB on the failed 一般 items; PGlite in memory, ${rounds} rounds after 1 warm-up`,
);
await oneRound(); // warm-up (pdfmake is not involved; the first round pays the plan caches)
const times: number[] = [];
let last = { hazards: 0, photos: 0 };
for (let r = 0; r < rounds; r++) {
  const { ms, ...rest } = await oneRound();
  times.push(ms);
  last = rest;
}
const t = stats(times);
console.log(
  `  hazards created ${last.hazards}, photos carried ${last.photos}: min ${t.min.toFixed(0)} ms, median ${t.median.toFixed(0)} ms, max ${t.max.toFixed(0)} ms (target ≤ 500 ms)`,
);
if (last.hazards !== failures) throw new Error(`expected ${failures} hazards, got ${last.hazards}`);
await database.close();

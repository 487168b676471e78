import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { type DocumentKind, documentTitles } from "../../../domain/enforcement/case.js";
import { documentAbbreviations } from "../../../domain/enforcement/documents.js";
import { rows, sql } from "../../kernel/db/db.js";
import { type Session, signIn, systemCtx } from "../../test/harness.js";
import { inkIn, pdfFacts, pdfText, rasterize } from "../../test/pdf-raster.js";
import { getUser } from "../accounts/users.service.js";
import { bigFine, type EnforcementWorld, enforcementWorld, violation } from "./enforcement.fixture.js";

let w: EnforcementWorld;
let s: EnforcementWorld["s"];
before(async () => {
  w = await enforcementWorld();
  s = w.s;
});
after(() => w.close());

const DAY = 86_400_000;
type Res = Awaited<ReturnType<EnforcementWorld["get"]>>;
const basis = violation().provisionViolated;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** The text layer without whitespace (lines wrap anywhere in Chinese). */
const flat = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, "");

const issue = (who: Session, caseId: string, body: object) => w.send(who, "POST", `/api/cases/${caseId}/documents`, body);
const download = (who: Session, id: string) => w.get(who, `/api/documents/${id}.pdf`);
async function issued(who: Session, caseId: string, body: { kind: DocumentKind; supersedesId?: string }) {
  const res = await issue(who, caseId, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; kind: DocumentKind; docNo: string; sha256: string; sizeBytes: number; templateVersion: number };
}
async function pdfOf(who: Session, id: string): Promise<Buffer> {
  const res = await download(who, id);
  assert.equal(res.statusCode, 200, res.body);
  return res.rawPayload;
}

function expect400(res: Res, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields as { path: string; message: string }[] | undefined;
  assert.ok(
    fields?.some((f) => f.path === path && f.message.length > 0 && !/^(enforcement|document_template)\./.test(f.message)),
    `expected a message on ${path}: ${res.body}`,
  );
}

const smallFine = { party: "unit", items: [{ kind: "fine", amountFen: 2_000_00 }] };

describe("issuing the seven documents", () => {
  test("each kind from a case driven through its events: numbered, readable Chinese on A4, served with its hash", async () => {
    const a = await w.openedCase();
    await w.events(a.id, [
      { type: "order_issued", deadline: "2026-12-23" },
      { type: "onsite_measures", measures: ["withdraw_workers", "suspend_production"], suspensionUntil: "2026-12-23" },
      { type: "reinspected_rectified" },
      { type: "filed" },
      { type: "penalty_notice", penalty: bigFine },
    ]);
    const b = await w.openedCase();
    await w.events(b.id, [{ type: "simple_decision", penalty: smallFine, factsEstablished: true, legalBasis: true }]);

    const detail = (await w.get(s.ins1, `/api/cases/${a.id}`)).json();
    assert.deepEqual([...detail.documentsAllowed].sort(), [
      "hearing_rights_notice",
      "inspection_record",
      "onsite_measures_decision",
      "penalty_notice",
      "rectification_order",
      "reinspection_opinion",
    ]);

    const plan: [string, DocumentKind, string[]][] = [
      [a.id, "inspection_record", ["JF32048109001", "执法测试检查表", "被检查单位负责人（签名）"]],
      [a.id, "rectification_order", ["2026年12月23日前整改完毕", "60日内向溧阳市人民政府申请行政复议", "6个月内"]],
      [a.id, "onsite_measures_decision", ["责令从危险区域内撤出作业人员", "责令暂时停产停业（至2026年12月23日）"]],
      [a.id, "reinspection_opinion", ["已按照要求完成整改"]],
      [a.id, "penalty_notice", ["罚款人民币壹拾万元整（¥100,000.00）", "陈述和申辩", "2026年11月30日前"]],
      [a.id, "hearing_rights_notice", ["要求举行听证", "2026年11月30日前"]],
      [b.id, "penalty_decision", ["罚款人民币贰仟元整（¥2,000.00）", "15日内", "当事人（签收）"]],
    ];
    const numbers = new Map<DocumentKind, string>();
    for (const [caseId, kind, phrases] of plan) {
      const d = await issued(s.ins1, caseId, { kind });
      assert.match(d.docNo, new RegExp(`^溧应急${documentAbbreviations[kind]}〔2026〕\\d+号$`));
      numbers.set(kind, d.docNo);

      const res = await download(s.ins1, d.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers["content-type"], "application/pdf");
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
      assert.equal(sha(pdf), d.sha256, `${kind}: the served bytes are the hashed ones`);
      assert.equal(res.headers["x-content-sha256"], d.sha256);
      assert.equal(pdf.length, d.sizeBytes);
      const [stored] = await rows<{ sha256: string }>(w.db, sql`select sha256 from case_documents where id = ${d.id}`);
      assert.equal(stored?.sha256, d.sha256);
      assert.ok(
        String(res.headers["content-disposition"]).includes(
          `filename*=UTF-8''${encodeURIComponent(`${documentTitles[kind]}-${d.docNo}.pdf`)}`,
        ),
        String(res.headers["content-disposition"]),
      );

      // What a reader sees: a page with real glyphs (blank CJK would leave it white), then the text layer.
      const page = rasterize(pdf);
      assert.ok(page.width < page.height, "portrait");
      assert.ok(Math.abs(page.width / page.height - 210 / 297) < 0.01, "A4");
      assert.ok(inkIn(page) > 0.01, `${kind}: ink on the page (${inkIn(page)})`);
      assert.ok(inkIn(page, { x: 0.2, y: 0.03, w: 0.6, h: 0.1 }) > 0.02, `${kind}: the heading is printed`);
      assert.match(pdfFacts(pdf).fonts, /NotoSansSC/);
      const text = flat(pdf);
      for (const must of [d.docNo, w.enterpriseName, basis, documentTitles[kind], "溧阳市应急管理局", "（盖章）", ...phrases]) {
        assert.ok(text.includes(must.replace(/\s+/g, "")), `${kind}: "${must}" in\n${pdfText(pdf)}`);
      }
    }
    // The re-inspection opinion names the order it reviews by that order's number.
    const opinion = (await w.get(s.ins1, `/api/cases/${a.id}`))
      .json()
      .documents.find((d: { kind: string }) => d.kind === "reinspection_opinion");
    assert.ok(flat(await pdfOf(s.ins1, opinion.id)).includes(numbers.get("rectification_order") as string));
    // The case lists them; each issue is audited.
    const after = (await w.get(s.ins1, `/api/cases/${a.id}`)).json();
    assert.equal(after.documents.length, 6);
    assert.equal(
      await w.count(sql`select count(*)::int as n from audit_log where action = 'case.document.issue' and entity_id = ${a.id}`),
      6,
    );
  });

  test("a kind the case does not allow yet is 409 with the events it needs, and nothing is numbered or stored", async () => {
    const c = await w.openedCase();
    const counters = () => w.count(sql`select coalesce(sum(last_seq), 0)::int as n from case_document_counters`);
    const n0 = await counters();
    const res = await issue(s.ins1, c.id, { kind: "rectification_order" });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "enforcement.case.needs_event");
    assert.deepEqual(res.json().error.needs, ["order_issued"]);
    assert.ok(!res.json().error.message.startsWith("enforcement."));
    const decision = await issue(s.ins1, c.id, { kind: "penalty_decision" });
    assert.equal(decision.statusCode, 409);
    assert.deepEqual(decision.json().error.needs, ["decision_issued", "simple_decision"]);
    // A notice whose penalty carries no hearing right has no 听证告知书.
    await w.events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: smallFine }]);
    const hearing = await issue(s.ins1, c.id, { kind: "hearing_rights_notice" });
    assert.equal(hearing.statusCode, 409, hearing.body);
    assert.equal(hearing.json().error.code, "enforcement.case.no_hearing_right");
    assert.equal(await counters(), n0);
    assert.equal(await w.count(sql`select count(*)::int as n from case_documents where case_id = ${c.id}`), 0);
  });

  test("bad input is 400 on its field", async () => {
    const c = await w.openedCase();
    expect400(await issue(s.ins1, c.id, { kind: "summons" }), "kind");
    expect400(await issue(s.ins1, c.id, { kind: "inspection_record", supersedesId: "x" }), "supersedesId");
    expect400(await issue(s.ins1, c.id, { kind: "inspection_record", supersedesId: randomUUID() }), "supersedesId");
    assert.equal((await download(s.ins1, "not-a-uuid")).statusCode, 400);
  });
});

describe("immutability and corrections", () => {
  test("the database refuses UPDATE and DELETE on an issued document", async () => {
    const c = await w.openedCase();
    const d = await issued(s.ins1, c.id, { kind: "inspection_record" });
    const refused = (e: unknown) => /immutable/.test(`${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message}`);
    await assert.rejects(w.db.execute(sql`update case_documents set doc_no = 'x' where id = ${d.id}`), refused);
    await assert.rejects(w.db.execute(sql`update case_documents set data = '\\x00'::bytea where id = ${d.id}`), refused);
    await assert.rejects(w.db.execute(sql`delete from case_documents where id = ${d.id}`), refused);
    const [row] = await rows<{ doc_no: string; sha256: string }>(w.db, sql`select doc_no, sha256 from case_documents where id = ${d.id}`);
    assert.deepEqual([row?.doc_no, row?.sha256], [d.docNo, d.sha256]);
    assert.equal(sha(await pdfOf(s.ins1, d.id)), d.sha256);
  });

  test("a correction is a new numbered document that references the old one; the old one stays as it was", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "order_issued", deadline: "2026-12-23" }]);
    const first = await issued(s.ins1, c.id, { kind: "rectification_order" });
    const firstBytes = await pdfOf(s.ins1, first.id);
    const fix = await issued(s.ins1, c.id, { kind: "rectification_order", supersedesId: first.id });
    assert.notEqual(fix.docNo, first.docNo);
    assert.equal((fix as unknown as { supersedesId: string }).supersedesId, first.id);
    assert.ok(flat(await pdfOf(s.ins1, fix.id)).includes(`本文书更正${first.docNo}`));
    assert.deepEqual(await pdfOf(s.ins1, first.id), firstBytes);

    const docs = (await w.get(s.ins1, `/api/cases/${c.id}`)).json().documents as {
      id: string;
      supersededById: string | null;
      sha256: string;
    }[];
    assert.equal(docs.find((d) => d.id === first.id)?.supersededById, fix.id);
    assert.equal(docs.find((d) => d.id === first.id)?.sha256, first.sha256);
    // Correcting the corrected one again, a document of another kind or of another case: 400 on the field.
    expect400(await issue(s.ins1, c.id, { kind: "rectification_order", supersedesId: first.id }), "supersedesId");
    const record = await issued(s.ins1, c.id, { kind: "inspection_record" });
    expect400(await issue(s.ins1, c.id, { kind: "rectification_order", supersedesId: record.id }), "supersedesId");
    const other = await w.openedCase();
    expect400(await issue(s.ins1, other.id, { kind: "inspection_record", supersedesId: record.id }), "supersedesId");
    // The correction itself may be corrected.
    await issued(s.ins1, c.id, { kind: "rectification_order", supersedesId: fix.id });
  });

  test("10 documents issued at once get distinct, gap-free numbers 1..10 of their department, year and kind", async () => {
    const i = await w.finishedInspection();
    const opened = await w.open(s.ins1, { inspectionId: i.id, departmentId: w.housingId, violations: [violation()] });
    assert.equal(opened.statusCode, 201, opened.body);
    const caseId = opened.json().id as string;
    const all = await Promise.all(Array.from({ length: 10 }, () => issue(s.ins1, caseId, { kind: "inspection_record" })));
    for (const r of all) assert.equal(r.statusCode, 201, r.body);
    const seqs = all.map((r) => Number(/〔2026〕(\d+)号$/.exec(r.json().docNo)?.[1])).sort((x, y) => x - y);
    assert.deepEqual(
      seqs,
      Array.from({ length: 10 }, (_, k) => k + 1),
    );
    assert.ok(all.every((r) => r.json().docNo.startsWith("溧建检记〔2026〕")));
  });
});

describe("access", () => {
  test("the enterprise downloads its own documents; another enterprise, another county and a township officer get 404", async () => {
    const c = await w.openedCase();
    const d = await issued(s.ins1, c.id, { kind: "inspection_record" });
    const own = await download(s.entAdmin, d.id);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(sha(own.rawPayload), d.sha256);
    assert.equal((await download(s.ins2, d.id)).statusCode, 200);
    for (const who of [s.otherEnt, s.tianning, s.township]) assert.equal((await download(who, d.id)).statusCode, 404);
    assert.equal((await download(s.grid, d.id)).statusCode, 403);
    assert.equal((await download(s.ins1, randomUUID())).statusCode, 404);
    // Issuing is the department's: the enterprise may not (403); an officer of another county cannot reach the case.
    assert.equal((await issue(s.entAdmin, c.id, { kind: "inspection_record" })).statusCode, 403);
    assert.equal((await issue(s.tianning, c.id, { kind: "inspection_record" })).statusCode, 404);
  });
});

describe("templates", () => {
  test("an adjusted wording appears in the next document and not in the earlier one; stale and bad wording refused", async () => {
    const listed = await w.get(s.admin, "/api/document-templates");
    assert.equal(listed.statusCode, 200, listed.body);
    const order = listed.json().items.find((t: { kind: string }) => t.kind === "rectification_order");
    assert.equal(listed.json().items.length, 7);
    assert.deepEqual([order.version, order.wording], [0, null]);
    assert.ok(order.slots.includes("footer") && order.builtin.order.includes("{deadline}"));
    assert.equal((await w.get(s.ins1, "/api/document-templates")).statusCode, 403);

    const c = await w.openedCase();
    await w.events(c.id, [{ type: "order_issued", deadline: "2026-12-23" }]);
    const before = await issued(s.ins1, c.id, { kind: "rectification_order" });
    const beforeBytes = await pdfOf(s.ins1, before.id);
    assert.equal(before.templateVersion, 0);

    const put = (body: object) => w.send(s.admin, "PUT", "/api/document-templates/rectification_order", body);
    expect400(await put({ version: 0, wording: { preamble: "x" } }), "wording.preamble");
    expect400(await put({ version: 0, wording: { footer: " " } }), "wording.footer");
    expect400(await put({ version: 0, wording: { footer: "x".repeat(2001) } }), "wording.footer");
    expect400(await put({ version: 0, wording: { rights: "罚款{penalty}" } }), "wording.rights");
    assert.equal((await w.send(s.ins1, "PUT", "/api/document-templates/rectification_order", { version: 0, wording: {} })).statusCode, 403);
    assert.equal((await w.send(s.admin, "PUT", "/api/document-templates/summons", { version: 0, wording: {} })).statusCode, 400);

    const wording = { footer: "本指令书一式三份：被检查单位、{department}执法监察科、案卷各一份。" };
    const saved = await put({ version: 0, wording });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 1);
    assert.equal((await put({ version: 0, wording })).statusCode, 409);
    const again = await put({ version: 1, wording: { ...wording, opening: "{enterprise}（统一社会信用代码：{uscc}）：" } });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().version, 2);
    assert.equal((await put({ version: 1, wording })).statusCode, 409);
    assert.equal(await w.count(sql`select count(*)::int as n from audit_log where action = 'document_template.update'`), 2);

    const next = await issued(s.ins1, c.id, { kind: "rectification_order" });
    assert.equal(next.templateVersion, 2);
    const nextText = flat(await pdfOf(s.ins1, next.id));
    assert.ok(nextText.includes("本指令书一式三份：被检查单位、溧阳市应急管理局执法监察科、案卷各一份。"), nextText);
    assert.ok(nextText.includes("统一社会信用代码："), nextText);
    assert.ok(nextText.includes(basis), "the wording around it is still the built-in one");
    const earlier = await pdfOf(s.ins1, before.id);
    assert.deepEqual(earlier, beforeBytes);
    assert.ok(!flat(earlier).includes("一式三份"));
    // Other kinds keep the built-in wording.
    const record = flat(await pdfOf(s.ins1, (await issued(s.ins1, c.id, { kind: "inspection_record" })).id));
    assert.ok(!record.includes("一式三份") && record.includes("一式两份"));
  });
});

describe("a general-procedure decision", () => {
  test("after the notice and the defence period: the fine in figures and 大写, payment within 15 days, 复议 and lawsuit", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: bigFine }]);
    // 2026-12-01: the statement and hearing-request periods (to 11-30) have run out; sessions expired, sign in again.
    w.t.clock.advance(8 * DAY);
    const ins1 = await signIn(w.t, (await getUser(w.db, systemCtx(w.t), w.ids.ins1)).username);
    const ent = await signIn(w.t, (await getUser(w.db, systemCtx(w.t), w.ids.entAdmin)).username);
    const version = (await w.get(ins1, `/api/cases/${c.id}`)).json().version;
    const decided = await w.event(ins1, c.id, { type: "decision_issued", version, penalty: bigFine });
    assert.equal(decided.statusCode, 200, decided.body);
    const d = await issued(ins1, c.id, { kind: "penalty_decision" });
    assert.match(d.docNo, /^溧应急罚决〔2026〕\d+号$/);
    const pdf = await pdfOf(ent, d.id);
    const text = flat(pdf);
    for (const must of [
      d.docNo,
      w.enterpriseName,
      basis,
      violation().provisionApplied,
      "本机关于2026年11月23日对你单位涉嫌安全生产违法一案立案调查",
      "罚款人民币壹拾万元整（¥100,000.00）",
      "收到本决定书之日起15日内",
      "60日内向溧阳市人民政府申请行政复议",
      "6个月内依法向人民法院提起行政诉讼",
      "2026年12月1日",
    ]) {
      assert.ok(text.includes(must), `"${must}" in\n${pdfText(pdf)}`);
    }
    assert.ok(inkIn(rasterize(pdf)) > 0.01);
  });
});

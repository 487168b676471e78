import { createHash } from "node:crypto";
import { type CalendarDay, shanghaiDay } from "../../../domain/common/calendar.js";
import type { CaseDocumentView } from "../../../domain/enforcement/case.dto.js";
import {
  type CaseEvent,
  type CaseEventType,
  caseState,
  type DocumentKind,
  documentFor,
  documentKinds,
  documentTitles,
} from "../../../domain/enforcement/case.js";
import {
  builtinWording,
  chineseDate,
  type DocumentIssue,
  type DocumentTemplatePut,
  type DocumentTemplateView,
  documentAbbreviations,
  documentPlaceholders,
  documentSlots,
  effectiveWording,
  fillTemplate,
  formatDocumentNumber,
  listsAfter,
  measureWords,
  penaltyItemText,
  rmbUpper,
  wordingProblems,
  yuanText,
} from "../../../domain/enforcement/documents.js";
import { fineTotalFen, type Penalty } from "../../../domain/enforcement/procedure.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { type Content, type PdfDocument, renderPdf, type TableCell } from "../../kernel/documents/pdf.js";
import { AppError, notFound, staleVersion } from "../../kernel/http/errors.js";
import { getDepartment } from "../departments/departments.service.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { hazardRuleSettings } from "../hazards/hazards.escalation.js";
import { getInspection } from "../inspections/inspections.service.js";
import { getRegion } from "../regions/regions.service.js";
import { documentEntity } from "./documents.messages.js";
import * as docs from "./enforcement.documents.repo.js";
import { caseEntity } from "./enforcement.messages.js";
import { assertMayRecord, caseScope } from "./enforcement.policy.js";
import * as repo from "./enforcement.repo.js";
import { departmentShortName, enforcementRules } from "./enforcement.service.js";

/** A document that may not be issued yet (domain documentFor): 409 with the refusal and the event types it needs. */
export class DocumentRefused extends AppError {
  constructor(
    code: string,
    readonly needs: readonly CaseEventType[],
  ) {
    super(409, `enforcement.case.${code}`);
  }
}

/** Everything a document is rendered from; stored with it (case_documents.content) as the record of what it said. */
export type DocumentContent = {
  kind: DocumentKind;
  docNo: string;
  department: string;
  caseNo: string;
  party: { name: string; uscc: string; address: string; legalRepresentative: string; principal: string };
  officers: { name: string; certNo: string | null }[];
  violations: { facts: string; provisionViolated: string; provisionApplied: string }[];
  /** The filled slots in page order (a slot that does not apply, e.g. `payment` without a fine, is left out). */
  paragraphs: { slot: string; text: string }[];
  values: Record<string, string>;
  event: { seq: number; type: CaseEventType; on: CalendarDay };
  issuedOn: CalendarDay;
  supersedes: { id: string; docNo: string } | null;
};

const eventOf = (e: repo.EventRow): CaseEvent => ({ ...e.payload, type: e.type, on: e.on }) as unknown as CaseEvent;
const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
/** An instant as Asia/Shanghai wall time: 2026年11月23日 09:30. */
const shanghaiTime = (iso: string | null) => {
  if (!iso) return "—";
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${chineseDate(t.slice(0, 10))} ${t.slice(11, 16)}`;
};

function present(d: Omit<docs.DocumentRow, "data" | "content">, supersededById: string | null): CaseDocumentView {
  return {
    id: d.id,
    kind: d.kind as DocumentKind,
    title: documentTitles[d.kind as DocumentKind],
    docNo: d.docNo,
    eventSeq: d.eventSeq,
    supersedesId: d.supersedesId,
    supersededById,
    templateVersion: d.templateVersion,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    issuedByName: d.issuedByName,
    issuedAt: d.issuedAt.toISOString(),
  };
}

/**
 * Issues a 执法文书 of a case (issue 8 §2, enforcement.md R2): the kind must be allowed by the events (documentFor,
 * else 409), or — a correction — name an earlier document of the same case and kind that no correction superseded
 * yet (else 400). Number (department, year, kind; gap-free), content from the case, the PDF, its SHA-256, the stored
 * row and the audit record: one transaction. The row never changes afterwards (trigger, migration 0025).
 */
export async function issueDocument(db: Db, ctx: Ctx, caseId: string, input: DocumentIssue): Promise<CaseDocumentView> {
  const actor = ctx.actor as Actor; // route permission cases.manage
  const row = await repo.findCase(db, caseId, caseScope(actor));
  if (!row) throw notFound(caseEntity);
  assertMayRecord(actor, row);

  // What the document says of the parties: read with the module's own rights (the case scope decided access).
  const sys = systemContext(ctx, "enforcement.documents");
  const [department, enterprise, violations, inspection] = await Promise.all([
    getDepartment(db, row.departmentId),
    getEnterprise(db, sys, row.enterpriseId),
    repo.violationsOf(db, caseId),
    input.kind === "inspection_record" && row.inspectionId ? getInspection(db, sys, row.inspectionId) : null,
  ]);
  const region = await getRegion(db, department.regionCode).catch(() => null);
  const issuedOn = shanghaiDay(ctx.now);
  const year = Number(issuedOn.slice(0, 4));

  const stored = await withTx(db, async (tx) => {
    const eventRows = await repo.eventsOf(tx, caseId);
    const events = eventRows.map(eventOf);
    let index: number;
    let supersedes: docs.DocumentRow | null = null;
    if (input.supersedesId) {
      const old = await docs.lockDocumentOfCase(tx, caseId, input.supersedesId);
      if (!old || old.kind !== input.kind) {
        throw new AppError(400, "validation", { fields: [{ path: "supersedesId", code: "enforcement.document.supersedes_unknown" }] });
      }
      if (await docs.correctionOf(tx, old.id)) {
        throw new AppError(400, "validation", { fields: [{ path: "supersedesId", code: "enforcement.document.already_superseded" }] });
      }
      // A correction records the same event as the document it corrects.
      supersedes = old;
      index = eventRows.findIndex((e) => e.seq === old.eventSeq);
    } else {
      const allowed = documentFor(events, input.kind, enforcementRules());
      if (!allowed.ok) throw new DocumentRefused(allowed.code, allowed.needs);
      index = allowed.event;
    }
    const eventRow = eventRows[index] as repo.EventRow;
    const event = events[index] as CaseEvent;
    const state = caseState(events.slice(0, index + 1), enforcementRules(), hazardRuleSettings().calendar);

    const seq = await docs.nextDocumentSeq(tx, row.departmentId, year, input.kind);
    const deptShort = departmentShortName(department).replace(/罚$/, "");
    const docNo = formatDocumentNumber({ deptShort, abbr: documentAbbreviations[input.kind], year, seq });
    const template = await docs.template(tx, input.kind);
    const wording = effectiveWording(input.kind, template?.wording);

    // The order a re-inspection reviews, and the number of its (current) document, if one was issued.
    const order = event.type === "reinspected_rectified" || event.type === "reinspected_not_rectified" ? state.orders.at(-1) : undefined;
    const orderSeq = order ? eventRows[order.index]?.seq : undefined;
    const orderDoc = orderSeq === undefined ? undefined : await docs.currentDocumentOf(tx, caseId, "rectification_order", orderSeq);
    const penalty: Penalty | null = "penalty" in event && event.penalty ? event.penalty : null;
    const round = state.rounds.find((r) => r.notice?.index === index);
    const fineFen = penalty ? fineTotalFen(penalty) : 0;
    const officers = row.officers.map((o) => ({ name: o.name, certNo: o.certNo }));
    const values: Record<string, string> = {
      department: department.name,
      docNo,
      caseNo: row.caseNo,
      enterprise: enterprise.name,
      uscc: enterprise.uscc,
      address: enterprise.address,
      legalRepresentative: enterprise.legalRepresentative,
      principal: enterprise.principalName,
      officers: officers.map((o) => `${o.name}（执法证号：${o.certNo ?? "—"}）`).join("、"),
      basis: unique(violations.map((v) => v.provisionViolated)).join("、"),
      applied: unique(violations.map((v) => v.provisionApplied)).join("、"),
      issuedDate: chineseDate(issuedOn),
      eventDate: chineseDate(event.on),
      reconsiderationBody: region ? `${region.name}人民政府` : `${department.name}的本级人民政府`,
      reconsiderationDays: String(enforcementRules().reconsiderationDays),
      lawsuitMonths: String(enforcementRules().lawsuitMonths),
      inspectionStart: shanghaiTime(inspection?.startedAt ?? null),
      inspectionEnd: shanghaiTime(inspection?.finishedAt ?? null),
      checklist: inspection?.checklist.name ?? "安全生产检查表",
      deadline: event.type === "order_issued" ? chineseDate(event.deadline) : order ? chineseDate(order.deadline) : "—",
      measures:
        event.type === "onsite_measures"
          ? event.measures
              .map((m) =>
                m === "suspend_production" && event.suspensionUntil
                  ? `${measureWords[m]}（至${chineseDate(event.suspensionUntil)}）`
                  : measureWords[m],
              )
              .join("；")
          : "—",
      orderDocNo: orderDoc?.docNo ?? "文书编号未登记",
      orderDate: order ? chineseDate(order.issuedOn) : "—",
      penalty: penalty ? penalty.items.map(penaltyItemText).join("；") : "—",
      fineYuan: yuanText(fineFen),
      fineUpper: rmbUpper(fineFen),
      statementEnd: round?.statementWindowEnd ? chineseDate(round.statementWindowEnd) : "—",
      hearingEnd: round?.hearingRequestEnd ? chineseDate(round.hearingRequestEnd) : "—",
      paymentDays: String(enforcementRules().paymentDays),
      openedDate: state.opened ? chineseDate(state.opened.on) : "—",
    };
    const known = new Set(documentPlaceholders[input.kind]);
    const kindValues = Object.fromEntries(Object.entries(values).filter(([k]) => known.has(k)));
    const skip = new Set<string>([
      ...(event.type === "reinspected_rectified" ? ["notRectified"] : event.type === "reinspected_not_rectified" ? ["rectified"] : []),
      ...(fineFen > 0 ? [] : ["payment"]),
    ]);
    const content: DocumentContent = {
      kind: input.kind,
      docNo,
      department: department.name,
      caseNo: row.caseNo,
      party: {
        name: enterprise.name,
        uscc: enterprise.uscc,
        address: enterprise.address,
        legalRepresentative: enterprise.legalRepresentative,
        principal: enterprise.principalName,
      },
      officers,
      violations: violations.map((v) => ({ facts: v.facts, provisionViolated: v.provisionViolated, provisionApplied: v.provisionApplied })),
      paragraphs: documentSlots[input.kind]
        .filter((slot) => !skip.has(slot))
        .map((slot) => ({ slot, text: fillTemplate(wording[slot] ?? "", kindValues) })),
      values: kindValues,
      event: { seq: eventRow.seq, type: eventRow.type as CaseEventType, on: event.on },
      issuedOn,
      supersedes: supersedes ? { id: supersedes.id, docNo: supersedes.docNo } : null,
    };

    const pdf = await renderPdf(caseDocumentPdf(content));
    const sha256 = createHash("sha256").update(pdf).digest("hex");
    const doc = await docs.insertDocument(tx, {
      caseId,
      kind: input.kind,
      year,
      seq,
      docNo,
      eventSeq: eventRow.seq,
      supersedesId: supersedes?.id ?? null,
      templateVersion: template?.version ?? 0,
      content: content as unknown as Record<string, unknown>,
      sha256,
      sizeBytes: pdf.length,
      data: pdf,
      issuedById: actor.userId,
      issuedByName: actor.displayName,
      issuedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "case.document.issue",
      entityType: "enforcement_case",
      entityId: caseId,
      regionCode: row.regionCode,
      after: {
        documentId: doc.id,
        kind: doc.kind,
        docNo,
        eventSeq: doc.eventSeq,
        sha256,
        templateVersion: doc.templateVersion,
        supersedesId: doc.supersedesId,
      },
    });
    return doc;
  });
  return present(stored, null);
}

/** The stored bytes of a document whose case the caller sees (caseScope; the enterprise its own cases'), else 404. */
export async function documentFile(
  db: Db,
  ctx: Ctx,
  id: string,
): Promise<{ data: Buffer; sha256: string; fileName: string; asciiName: string }> {
  const d = await docs.findDocumentInScope(db, id, caseScope(ctx.actor));
  if (!d) throw notFound(documentEntity);
  return {
    data: Buffer.from(d.data),
    sha256: d.sha256,
    fileName: `${documentTitles[d.kind as DocumentKind]}-${d.docNo}.pdf`,
    asciiName: `${d.kind}-${d.year}-${d.seq}.pdf`,
  };
}

// ── Templates ─────────────────────────────────────────────────────────────────────────────────────────────────

function templateView(kind: DocumentKind, t: docs.TemplateRow | undefined): DocumentTemplateView {
  return {
    kind,
    title: documentTitles[kind],
    slots: [...documentSlots[kind]],
    placeholders: [...documentPlaceholders[kind]],
    builtin: { ...builtinWording[kind] },
    wording: t?.wording ?? null,
    version: t?.version ?? 0,
  };
}

/** Every kind with its slots, the built-in wording and the deployment's (issue 8 §2: templates are data). */
export async function listDocumentTemplates(db: Db): Promise<{ items: DocumentTemplateView[] }> {
  const rows = new Map((await docs.templates(db)).map((t) => [t.kind, t]));
  return { items: documentKinds.map((k) => templateView(k, rows.get(k))) };
}

/**
 * Stores the deployment's wording of a kind (only its slots, non-empty, ≤ 2000 characters, placeholders the kind
 * fills), guarded by the version the caller saw (0: none yet; stale → 409), audited. Issued documents keep their
 * bytes and the version they used.
 */
export async function putDocumentTemplate(db: Db, ctx: Ctx, kind: DocumentKind, input: DocumentTemplatePut): Promise<DocumentTemplateView> {
  const problems = wordingProblems(kind, input.wording);
  if (problems.length) {
    throw new AppError(400, "validation", {
      fields: problems.map((p) => ({ path: `wording.${p.slot}`, code: p.code, ...(p.params ? { params: p.params } : {}) })),
    });
  }
  const saved = await withTx(db, async (tx) => {
    const before = await docs.template(tx, kind);
    const set = { wording: input.wording, updatedById: ctx.actor?.userId ?? null, updatedAt: ctx.now };
    const row =
      input.version === 0 ? await docs.insertTemplate(tx, { kind, ...set }) : await docs.updateTemplate(tx, kind, input.version, set);
    if (!row) throw staleVersion();
    await writeAudit(tx, ctx, {
      action: "document_template.update",
      entityType: "document_template",
      entityId: kind,
      before: before ? { version: before.version, wording: before.wording } : null,
      after: { version: row.version, wording: row.wording },
    });
    return row;
  });
  return templateView(kind, saved);
}

// ── The page ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Kinds the inspected unit's person in charge signs on the spot (R1); the others the party signs for on receipt. */
const signedOnSite: readonly DocumentKind[] = [
  "inspection_record",
  "rectification_order",
  "onsite_measures_decision",
  "reinspection_opinion",
];

/**
 * The A4 page of a document: the department, title and number; the party; the slots in order with the list of
 * violations after `listsAfter`; the officers with their 执法证号; the seal box with the date; the party's signature.
 */
export function caseDocumentPdf(c: DocumentContent): PdfDocument {
  const label = (text: string): TableCell => ({ text, bold: true, fillColor: "#f2f2f2" });
  const title = c.paragraphs.find((p) => p.slot === "title")?.text ?? documentTitles[c.kind];
  const party: Content = {
    table: {
      widths: [92, "*", 70, "*"],
      body: [
        [label(c.kind === "inspection_record" ? "被检查单位" : "当事人"), { text: c.party.name, colSpan: 3 }, {}, {}],
        [label("统一社会信用代码"), { text: c.party.uscc, colSpan: 3 }, {}, {}],
        [label("地址"), { text: c.party.address, colSpan: 3 }, {}, {}],
        [label("法定代表人"), c.party.legalRepresentative, label("主要负责人"), c.party.principal],
        [label("案号"), { text: c.caseNo, colSpan: 3 }, {}, {}],
      ],
    },
    fontSize: 10,
    margin: [0, 0, 0, 10],
  };
  const violations: Content = {
    stack: c.violations.map((v, i) => ({
      stack: [
        { text: `${i + 1}. ${v.facts}` },
        { text: `违反的规定：${v.provisionViolated}`, fontSize: 10, color: "#333333" },
        { text: `处罚（处理）依据：${v.provisionApplied}`, fontSize: 10, color: "#333333" },
      ],
      margin: [22, 0, 0, 4],
    })),
  };
  const body: Content[] = [];
  for (const p of c.paragraphs) {
    if (p.slot === "title") continue;
    const plain = p.slot === "opening" && p.text.endsWith("：");
    const small = p.slot === "footer";
    body.push({
      text: p.text,
      margin: [0, 0, 0, 6],
      ...(plain ? {} : { leadingIndent: 22 }),
      ...(small ? { fontSize: 9, color: "#555555" } : {}),
    });
    if (p.slot === listsAfter[c.kind]) body.push(violations);
  }
  const officers = {
    width: "*",
    stack: [
      { text: "执法人员（签名）：", bold: true, margin: [0, 0, 0, 4] },
      ...c.officers.map(
        (o): Content => ({ text: `${o.name}    执法证号：${o.certNo ?? "—"}    签名：____________`, margin: [0, 0, 0, 6] }),
      ),
    ],
  };
  const seal = {
    width: 170,
    table: {
      widths: [160],
      heights: [96],
      body: [
        [
          {
            stack: [
              { text: c.department, bold: true, margin: [0, 18, 0, 6] },
              { text: "（盖章）", color: "#555555" },
              { text: c.issuedOn ? chineseDate(c.issuedOn) : "", margin: [0, 8, 0, 0] },
            ],
            alignment: "center",
          },
        ],
      ],
    },
  };
  const partySign = signedOnSite.includes(c.kind) ? "被检查单位负责人（签名）：" : "当事人（签收）：";
  return {
    info: { title: `${title} ${c.docNo}`, subject: c.caseNo, creator: "Redline 红线" },
    pageMargins: [56, 48, 56, 48],
    footer: (page: number, pages: number) => ({
      text: `${c.docNo}　第 ${page} 页 / 共 ${pages} 页`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    content: [
      { text: c.department, fontSize: 16, bold: true, alignment: "center", margin: [0, 0, 0, 6] },
      { text: title, fontSize: 22, bold: true, alignment: "center", margin: [0, 0, 0, 6] },
      { text: c.docNo, alignment: "center", margin: [0, 0, 0, c.supersedes ? 2 : 12] },
      ...(c.supersedes
        ? [{ text: `（本文书更正${c.supersedes.docNo}，原文书作废）`, alignment: "center", fontSize: 9, margin: [0, 0, 0, 12] } as Content]
        : []),
      party,
      ...body,
      { columns: [officers, seal], columnGap: 12, margin: [0, 12, 0, 12], unbreakable: true } as Content,
      { text: `${partySign}________________　　日期：______年____月____日`, margin: [0, 6, 0, 0] },
    ],
  };
}

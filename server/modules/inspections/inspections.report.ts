import type { InspectionDetail } from "../../../domain/inspections/inspection.dto.js";
import type { InspectionKind, InspectionResult } from "../../../domain/inspections/inspection.js";
import { clauseText } from "../../../domain/inspections/inspection.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { type Content, type PdfDocument, renderPdf, type TableCell } from "../../kernel/documents/pdf.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import * as repo from "./inspections.repo.js";
import { getInspection } from "./inspections.service.js";

export const kindLabels: Record<InspectionKind, string> = {
  planned: "计划检查",
  double_random: "双随机抽查",
  complaint: "投诉举报核查",
  referral: "移送转办检查",
  accident: "事故后检查",
  follow_up: "复查",
  self: "企业自查",
  unannounced: "四不两直暗查暗访",
  cross_area: "交叉检查",
};
const resultLabels: Record<InspectionResult, string> = { passed: "未发现问题", problems_found: "发现问题" };
const outcomeLabels = { pass: "合格", fail: "不合格", na: "不适用" } as const;
const levelLabels = { general: "一般事故隐患", major: "重大事故隐患" } as const;

/** An instant as Asia/Shanghai wall time, `YYYY-MM-DD HH:mm`. */
const shanghai = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "—";

export type ReportImages = {
  photos: { itemId: string; contentType: string; data: Uint8Array }[];
  signatures: { id: string; image: Uint8Array }[];
};
export type ReportEnterprise = { name: string; uscc: string; address: string };

/** pdfkit embeds JPEG and PNG; a WebP photo is named instead of shown. */
const imageOf = (contentType: string, data: Uint8Array) =>
  contentType === "image/jpeg" || contentType === "image/png" ? `data:${contentType};base64,${Buffer.from(data).toString("base64")}` : null;

/**
 * 现场检查记录 (安全生产法 Art. 67–68; enforcement.md R1: time, place, content, problems found and how they were
 * handled, signed by the inspectors and the unit's person in charge), or the enterprise's own 自查记录: the header,
 * every item by section with its outcome and photos, the hazards it raised, the signatures.
 */
export function inspectionReportDocument(d: InspectionDetail, e: ReportEnterprise, images: ReportImages): PdfDocument {
  const title = d.kind === "self" ? "企业安全生产自查记录" : "安全生产现场检查记录";
  const label = (text: string): TableCell => ({ text, bold: true, fillColor: "#f2f2f2" });
  const gps = d.startLatitude !== null && d.startLongitude !== null ? `${d.startLatitude.toFixed(6)}, ${d.startLongitude.toFixed(6)}` : "—";
  const inspectors = d.inspectors.map((m) => (m.certNo ? `${m.name}（执法证号 ${m.certNo}）` : m.name)).join("；");
  const header: Content = {
    table: {
      widths: [80, "*", 80, "*"],
      body: [
        [label("被检查单位"), { text: e.name, colSpan: 3 }, {}, {}],
        [label("统一社会信用代码"), e.uscc, label("检查类型"), kindLabels[d.kind]],
        [label("地址"), { text: e.address, colSpan: 3 }, {}, {}],
        [label("检查人员"), { text: inspectors || "—", colSpan: 3 }, {}, {}],
        [label("开始时间"), shanghai(d.startedAt), label("结束时间"), shanghai(d.finishedAt)],
        [label("开始位置"), gps, label("检查表"), `${d.checklist.name}（第 ${d.checklist.version} 版）`],
        [
          label("检查结论"),
          d.result ? resultLabels[d.result] : "检查进行中",
          label("检查项"),
          `${d.itemCount} 项，已答 ${d.answeredCount}，不合格 ${d.failedCount}`,
        ],
      ],
    },
    fontSize: 9.5,
    margin: [0, 0, 0, 10],
  };

  const answers = new Map(d.responses.map((r) => [r.itemId, r]));
  const photosOf = (itemId: string) => images.photos.filter((p) => p.itemId === itemId);
  const sections: Content[] = d.checklist.content.sections.map((s) => {
    const rows: TableCell[][] = s.items.map((item, i) => {
      const r = answers.get(item.id);
      const clause = clauseText(item);
      const outcome = r?.outcome ? outcomeLabels[r.outcome] : "未答";
      const measured = item.type === "number" && r?.number !== null && r?.number !== undefined ? `${r.number}${item.unit ?? ""}` : null;
      const remarks = [measured, r?.text, r?.note].filter(Boolean).join("；");
      const thumbs = photosOf(item.id).map((p): Content => {
        const src = imageOf(p.contentType, p.data);
        return src ? { image: src, fit: [72, 54], margin: [0, 2, 2, 0] } : { text: "［WebP 照片］", fontSize: 8, color: "#666666" };
      });
      return [
        String(i + 1),
        { stack: [item.question, ...(clause ? [{ text: `依据：${clause}`, fontSize: 8, color: "#555555" }] : [])] },
        { text: outcome, bold: r?.outcome === "fail", color: r?.outcome === "fail" ? "#cf1322" : undefined },
        { stack: [...(remarks ? [{ text: remarks }] : []), ...thumbs] },
      ];
    });
    return {
      stack: [
        { text: s.title, bold: true, fontSize: 12, margin: [0, 6, 0, 4] },
        {
          table: {
            headerRows: 1,
            widths: [22, "*", 42, 150],
            dontBreakRows: true,
            body: [[label("序号"), label("检查内容及依据"), label("结果"), label("情况记录")], ...rows],
          },
          fontSize: 9,
        },
      ],
    };
  });

  const hazards: Content = d.hazards.length
    ? {
        table: {
          headerRows: 1,
          widths: [22, 62, 70, "*"],
          dontBreakRows: true,
          body: [
            [label("序号"), label("隐患编号"), label("等级"), label("隐患描述及判定依据")],
            ...d.hazards.map((h, i): TableCell[] => [
              String(i + 1),
              h.id.slice(0, 8).toUpperCase(),
              { text: levelLabels[h.level], bold: h.level === "major", color: h.level === "major" ? "#cf1322" : undefined },
              {
                stack: [h.description, ...(h.criterionRef ? [{ text: `判定依据：${h.criterionRef}`, fontSize: 8, color: "#555555" }] : [])],
              },
            ]),
          ],
        },
        fontSize: 9,
      }
    : { text: d.status === "finished" ? "本次检查未登记隐患。" : "检查结束时登记。", color: "#555555" };

  const signatureImage = new Map(images.signatures.map((s) => [s.id, s.image]));
  const signatures: Content = d.signatures.length
    ? {
        columns: d.signatures.map((s) => {
          const img = signatureImage.get(s.id);
          return {
            width: 120,
            stack: [
              { text: s.signer === "inspector" ? "检查人员" : "被检查单位负责人", fontSize: 8, color: "#555555" },
              ...(img ? [{ image: imageOf("image/png", img) as string, fit: [110, 50] as [number, number] }] : []),
              { text: `${s.name}  ${shanghai(s.signedAt)}`, fontSize: 8 },
            ],
          };
        }),
        columnGap: 8,
      }
    : { text: "尚未签字。", color: "#555555" };

  const heading = (text: string, top = 12): Content => ({ text, fontSize: 14, bold: true, margin: [0, top, 0, 4] });
  return {
    info: { title: `${title} — ${e.name}`, subject: d.id, creator: "Redline 红线" },
    pageMargins: [36, 40, 36, 44],
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页 / 共 ${pages} 页`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
    content: [
      { text: title, fontSize: 20, bold: true, alignment: "center", margin: [0, 0, 0, 4] } as Content,
      { text: `记录编号 ${d.id}`, fontSize: 8, alignment: "center", color: "#555555", margin: [0, 0, 0, 10] } as Content,
      header,
      heading("检查情况", 4),
      ...sections,
      heading("发现的事故隐患"),
      hazards,
      ...(d.summary ? [heading("检查意见"), { text: d.summary }] : []),
      heading("签字"),
      signatures,
    ],
  };
}

/** The report of an inspection the caller may see, as PDF bytes. */
export async function inspectionReport(db: Db, ctx: Ctx, id: string): Promise<{ pdf: Buffer; fileName: string }> {
  const detail = await getInspection(db, ctx, id);
  const [enterprise, photos, signatures] = await Promise.all([
    getEnterprise(db, systemContext(ctx, "inspections"), detail.enterpriseId),
    repo.photoDataOf(db, id),
    repo.signatureImagesOf(db, id),
  ]);
  const pdf = await renderPdf(
    inspectionReportDocument(detail, { name: enterprise.name, uscc: enterprise.uscc, address: enterprise.address }, { photos, signatures }),
  );
  const day = shanghai(detail.startedAt).slice(0, 10);
  return { pdf, fileName: `${detail.kind === "self" ? "自查记录" : "现场检查记录"}-${enterprise.name}-${day}.pdf` };
}

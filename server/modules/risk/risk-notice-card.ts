import { shanghaiDay } from "../../../domain/common/calendar.js";
import { accidentTypeLabels, measureTypeLabels } from "../../../domain/risk/accident-types.js";
import {
  controlLayerLabels,
  controlLayers,
  defaultColourHex,
  riskColourLabels,
  riskColours,
  riskLevelLabels,
} from "../../../domain/risk/levels.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { type Content, type PdfDocument, renderPdf, type TableCell } from "../../kernel/documents/pdf.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { getRiskPoint, listAssessments } from "./risk.service.js";

/**
 * 岗位安全风险告知卡 (安委办〔2016〕11号 二(四); risk-assessment.md R10): what one card shows. The level
 * arrives already graded and coloured so the card prints exactly what the register says.
 */
export type RiskNoticeCard = {
  enterpriseName: string;
  pointName: string;
  location: string | null;
  levelName: string; // 重大风险 / 较大风险 / 一般风险 / 低风险
  colourName: string; // 红 / 橙 / 黄 / 蓝
  colour: string; // #rrggbb of the band
  hazards: string[]; // main risks: what can go wrong
  accidentTypes: string[]; // GB 6441 types that can result
  consequences: string[];
  controlMeasures: { type: string; text: string }[];
  emergencyMeasures: string[];
  responsible: { layer: string; name: string; phone: string | null }[];
  emergencyPhone: string | null; // the enterprise's own duty phone
  reportHow: string; // how to report a hazard or accident
  assessedOn: string | null;
  printedOn: string;
};

const list = (items: string[]): Content => (items.length ? { ul: items, margin: [0, 0, 0, 0] } : { text: "—", color: "#888888" });

// Yellow needs dark text to stay legible; the other bands take white.
const onColour = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  const lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum > 160 ? "#1f1f1f" : "#ffffff";
};

/** The pdfmake definition of one A4 card in Chinese. */
export function riskNoticeCardDocument(card: RiskNoticeCard): PdfDocument {
  const row = (label: string, value: Content): TableCell[] => [{ text: label, bold: true, fillColor: "#f2f2f2" }, value];
  const measures = card.controlMeasures.map((m) => `【${m.type}】${m.text}`);
  const people = card.responsible.map((p) => `${p.layer}：${p.name}${p.phone ? `  ${p.phone}` : ""}`);
  return {
    info: { title: `安全风险告知卡 — ${card.pointName}`, subject: card.enterpriseName, creator: "Redline 红线" },
    pageMargins: [36, 36, 36, 40],
    content: [
      {
        table: {
          widths: ["*"],
          body: [
            [
              {
                stack: [
                  { text: "安全风险告知卡", fontSize: 26, bold: true, alignment: "center" },
                  {
                    text: `${card.levelName}（${card.colourName}色）`,
                    fontSize: 18,
                    bold: true,
                    alignment: "center",
                    margin: [0, 4, 0, 0],
                  },
                ],
                fillColor: card.colour,
                color: onColour(card.colour),
                margin: [0, 10, 0, 10],
              },
            ],
          ],
        },
        layout: "noBorders",
      },
      { text: card.enterpriseName, fontSize: 13, bold: true, margin: [0, 10, 0, 2] },
      { text: `风险点：${card.pointName}${card.location ? `　位置：${card.location}` : ""}`, fontSize: 12, margin: [0, 0, 0, 8] },
      {
        table: {
          widths: [96, "*"],
          body: [
            row("主要危险有害因素", list(card.hazards)),
            row("可能导致的事故", { text: card.accidentTypes.join("、") || "—" }),
            row("事故后果", list(card.consequences)),
            row("管控措施", list(measures)),
            row("应急处置措施", list(card.emergencyMeasures)),
            row("管控责任人", list(people)),
            row("报告方式", { text: card.reportHow }),
          ],
        },
        layout: { hLineColor: () => "#999999", vLineColor: () => "#999999", paddingTop: () => 5, paddingBottom: () => 5 },
      },
      {
        margin: [0, 14, 0, 0],
        table: {
          widths: ["*", "*", "*", "*"],
          body: [
            [
              { text: `应急电话\n${card.emergencyPhone ?? "—"}`, alignment: "center", bold: true },
              { text: "火警\n119", alignment: "center", bold: true },
              { text: "急救\n120", alignment: "center", bold: true },
              { text: "安全生产举报\n12350", alignment: "center", bold: true },
            ],
          ],
        },
      },
      {
        text: `评估日期：${card.assessedOn ?? "—"}　打印日期：${card.printedOn}`,
        fontSize: 9,
        color: "#666666",
        margin: [0, 10, 0, 0],
      },
    ],
  };
}

const unassessed = { zh: "未评估", colourName: "灰", hex: "#8c8c8c" };

/**
 * The card of one risk point as the register reads now: its events give the hazards, accident types and
 * consequences; its measures split into control and emergency measures (应急处置); the people come from
 * its responsible persons by layer; the duty phone is the safety manager's, else the principal's.
 */
export async function riskNoticeCardFor(db: Db, ctx: Ctx, pointId: string): Promise<{ card: RiskNoticeCard; pdf: Buffer }> {
  const point = await getRiskPoint(db, ctx, pointId);
  const [enterprise, assessments] = await Promise.all([
    getEnterprise(db, ctx, point.enterpriseId),
    listAssessments(db, ctx, pointId, { page: 1, pageSize: 1 }),
  ]);
  const measures = point.events.flatMap((e) => e.measures);
  const people = controlLayers.flatMap((layer) => {
    const p = point.responsible[layer];
    return p ? [{ layer: controlLayerLabels[layer].zh, name: p.name, phone: p.phone }] : [];
  });
  const dutyPhone = enterprise.safetyManagerPhone ?? enterprise.principalPhone;
  const controller = point.controlledBy;
  const card: RiskNoticeCard = {
    enterpriseName: enterprise.name,
    pointName: point.name,
    location: point.location,
    levelName: point.level ? riskLevelLabels[point.level].zh : unassessed.zh,
    colourName: point.level ? riskColourLabels[riskColours[point.level]].zh : unassessed.colourName,
    colour: point.level ? defaultColourHex[point.level] : unassessed.hex,
    hazards: point.events.map((e) => e.description),
    accidentTypes: [...new Set(point.events.map((e) => accidentTypeLabels[e.accidentType].zh))],
    consequences: [...new Set(point.events.map((e) => e.consequence))],
    controlMeasures: measures
      .filter((m) => m.type !== "emergency")
      .map((m) => ({ type: measureTypeLabels[m.type].zh, text: m.description })),
    emergencyMeasures: measures.filter((m) => m.type === "emergency").map((m) => m.description),
    responsible: people,
    emergencyPhone: dutyPhone,
    reportHow: controller
      ? `发现隐患或异常情况，立即报告管控责任人${controller.name}（${controller.phone}）；紧急情况拨打应急电话 ${dutyPhone}`
      : `发现隐患或异常情况，立即报告当班负责人；紧急情况拨打应急电话 ${dutyPhone}`,
    assessedOn: assessments.items[0]?.assessedOn ?? null,
    printedOn: shanghaiDay(ctx.now),
  };
  return { card, pdf: await renderPdf(riskNoticeCardDocument(card)) };
}

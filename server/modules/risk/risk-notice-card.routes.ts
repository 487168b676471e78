import { z } from "zod";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import type { Server } from "../../kernel/http/server.js";
import { riskNoticeCardFor } from "./risk-notice-card.js";

export function riskNoticeCardRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/risk-points/:id/notice-card",
    {
      config: { permission: "risk.read" },
      schema: {
        tags: ["risk"],
        summary: "The point's 岗位安全风险告知卡 as a printable A4 PDF (Chinese)",
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const { card, pdf } = await riskNoticeCardFor(db, req.ctx, req.params.id);
      const name = `安全风险告知卡-${card.pointName}.pdf`;
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition("inline", "risk-notice-card.pdf", name))
        .send(pdf);
    },
  );
}

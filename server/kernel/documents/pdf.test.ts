import assert from "node:assert/strict";
import { test } from "node:test";
import { inkIn, pdfFacts, rasterize } from "../../test/pdf-raster.js";
import { renderPdf } from "./pdf.js";

test("Chinese text renders as visible glyphs in an embedded Noto Sans SC subset", async () => {
  const pdf = await renderPdf({
    pageMargins: [40, 40, 40, 40],
    content: [{ text: "安全风险告知卡 储罐区 重大风险", fontSize: 28, bold: true }],
  });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  const facts = pdfFacts(pdf);
  assert.equal(facts.pages, 1);
  assert.match(facts.fonts, /NotoSansSC.*yes/);
  const page = rasterize(pdf);
  // A4 at 60 dpi is 496 × 702; the title line sits in the top ~10 % of the page.
  assert.ok(page.width > 400 && page.height > page.width);
  const title = inkIn(page, { x: 0, y: 0, w: 1, h: 0.1 });
  assert.ok(title > 0.03, `title ink ${title}`);
  assert.equal(inkIn(page, { x: 0, y: 0.3, w: 1, h: 0.7 }), 0, "nothing below the title");
});

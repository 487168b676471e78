import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";

export type { Content, TableCell } from "pdfmake/interfaces.js";
export type PdfDocument = TDocumentDefinitions;

// Noto Sans SC from npm embeds real CJK glyphs (pdf-lib's standard fonts render Chinese blank). pdfkit
// subsets the font, so a one-page card stays small although the TTF is 10 MB.
const require = createRequire(import.meta.url);
const fontRoot = dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
const regular = join(fontRoot, "400Regular", "NotoSansSC_400Regular.ttf");
const bold = join(fontRoot, "700Bold", "NotoSansSC_700Bold.ttf");

let loading: Promise<typeof import("pdfmake")> | undefined;

/** pdfmake, loaded on first use (it is only needed when a document is printed, not to start the server). */
function loadPdfmake() {
  loading ??= import("pdfmake").then((m) => {
    const pdfmake = m.default;
    pdfmake.setFonts({ NotoSansSC: { normal: regular, bold, italics: regular, bolditalics: bold } });
    // Documents are built from our own data only: no remote fetches, and local reads only of the fonts.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path === regular || path === bold);
    return pdfmake;
  });
  return loading;
}

/** Renders a pdfmake document (A4 unless it says otherwise) in Noto Sans SC and answers the PDF bytes. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const full: TDocumentDefinitions = {
    pageSize: "A4",
    ...doc,
    defaultStyle: { font: "NotoSansSC", fontSize: 11, lineHeight: 1.25, ...doc.defaultStyle },
  };
  return (await loadPdfmake()).createPdf(full).getBuffer();
}

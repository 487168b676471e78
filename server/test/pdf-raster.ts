import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One page of a PDF rasterised by poppler (`pdftoppm`): 8-bit RGB pixels, row by row. */
export type Raster = { width: number; height: number; rgb: Uint8Array };

/** Renders page `page` of `pdf` at `dpi` — what a reader would see, so blank CJK glyphs fail the checks. */
export function rasterize(pdf: Buffer, page = 1, dpi = 60): Raster {
  return withPdf(pdf, (file, dir) => {
    execFileSync("pdftoppm", ["-singlefile", "-r", String(dpi), "-f", String(page), "-l", String(page), file, join(dir, "p")]);
    return parsePpm(readFileSync(join(dir, "p.ppm")));
  });
}

/** The page count and fonts a PDF embeds, as `pdfinfo`/`pdffonts` list them. */
export function pdfFacts(pdf: Buffer): { pages: number; fonts: string } {
  return withPdf(pdf, (file) => ({
    pages: Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1] ?? 0),
    fonts: execFileSync("pdffonts", [file]).toString(),
  }));
}

/** The text layer, as `pdftotext` extracts it (a complement to looking at the page, never a substitute). */
export function pdfText(pdf: Buffer): string {
  return withPdf(pdf, (file) => execFileSync("pdftotext", ["-layout", file, "-"]).toString());
}

function withPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "redline-pdf-"));
  try {
    writeFileSync(join(dir, "doc.pdf"), pdf);
    return fn(join(dir, "doc.pdf"), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePpm(buf: Buffer): Raster {
  // Binary PPM: "P6\n<w> <h>\n<max>\n" then w*h*3 bytes.
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString("latin1"));
  if (!m) throw new Error("not a binary PPM");
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, rgb: new Uint8Array(buf.subarray(m[0].length, m[0].length + width * height * 3)) };
}

type Box = { x: number; y: number; w: number; h: number };

function eachPixel(r: Raster, box: Box, fn: (red: number, green: number, blue: number) => void): number {
  const x0 = Math.floor(box.x * r.width);
  const y0 = Math.floor(box.y * r.height);
  const x1 = Math.min(r.width, Math.ceil((box.x + box.w) * r.width));
  const y1 = Math.min(r.height, Math.ceil((box.y + box.h) * r.height));
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * r.width + x) * 3;
      fn(r.rgb[i] ?? 255, r.rgb[i + 1] ?? 255, r.rgb[i + 2] ?? 255);
    }
  return Math.max(1, (x1 - x0) * (y1 - y0));
}

/** Share of dark pixels (luminance < 128) inside a box given in fractions of the page (0..1). */
export function inkIn(r: Raster, box: Box = { x: 0, y: 0, w: 1, h: 1 }): number {
  let dark = 0;
  const n = eachPixel(r, box, (red, green, blue) => {
    if (0.299 * red + 0.587 * green + 0.114 * blue < 128) dark++;
  });
  return dark / n;
}

/** The most common colour inside a box, as `#rrggbb`. */
export function dominantColour(r: Raster, box: Box): string {
  const counts = new Map<number, number>();
  eachPixel(r, box, (red, green, blue) => {
    const key = (red << 16) | (green << 8) | blue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0xffffff];
  return `#${best.toString(16).padStart(6, "0")}`;
}

/** Share of pixels inside a box within `tolerance` of a colour `#rrggbb`. */
export function shareOf(r: Raster, box: Box, colour: string, tolerance = 24): number {
  const n = Number.parseInt(colour.slice(1), 16);
  const [cr, cg, cb] = [n >> 16, (n >> 8) & 255, n & 255];
  let hits = 0;
  const total = eachPixel(r, box, (red, green, blue) => {
    if (Math.abs(red - cr) <= tolerance && Math.abs(green - cg) <= tolerance && Math.abs(blue - cb) <= tolerance) hits++;
  });
  return hits / total;
}

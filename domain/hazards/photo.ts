/** Photo checks shared by server and web: the type by content (magic bytes) and removal of location metadata. */

export const photoTypes = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof photoTypes)[number];
export const maxPhotoBytes = 10 * 1024 * 1024;

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (b: Uint8Array, at: number, s: string) => [...s].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The image type by its first bytes: JPEG FF D8 FF, the PNG signature, or RIFF….WEBP; null for anything else. */
export function sniffPhotoType(b: Uint8Array): PhotoType | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length > 8 && pngSignature.every((x, i) => b[i] === x)) return "image/png";
  if (b.length > 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "image/webp";
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * JPEG: drops APP1 segments (Exif — where GPS lives — and XMP). Copies everything from SOS on unchanged.
 * Orientation stored in Exif is lost with it. Null when the segment structure is broken.
 */
function stripJpeg(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at + 2 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(b.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > b.length) return null;
    const length = ((b[at + 2] as number) << 8) | (b[at + 3] as number);
    if (length < 2 || at + 2 + length > b.length) return null;
    if (marker === 0xda) {
      parts.push(b.subarray(at)); // start of scan: entropy-coded data to the end
      return concat(parts);
    }
    if (marker !== 0xe1) parts.push(b.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return at === b.length ? concat(parts) : null;
}

/** PNG: drops eXIf chunks and XMP (iTXt "XML:com.adobe.xmp"). */
function stripPng(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  while (at < b.length) {
    if (at + 12 > b.length) return null;
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > b.length) return null;
    const xmp = ascii(b, at + 4, "iTXt") && ascii(b, at + 8, "XML:com.adobe.xmp");
    if (!ascii(b, at + 4, "eXIf") && !xmp) parts.push(b.subarray(at, end));
    at = end;
  }
  return concat(parts);
}

/** WebP: drops the EXIF and XMP chunks, clears their flags in VP8X and rewrites the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 12;
  while (at < b.length) {
    if (at + 8 > b.length) return null;
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > b.length) return null;
    if (!ascii(b, at, "EXIF") && !ascii(b, at, "XMP ")) {
      const chunk = b.slice(at, Math.min(end, b.length));
      if (ascii(b, at, "VP8X") && chunk.length > 8) chunk[8] = (chunk[8] as number) & ~0x0c; // EXIF 0x08, XMP 0x04
      parts.push(chunk);
    }
    at = end;
  }
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** The photo without its location metadata (Exif/XMP), or null when the file's structure is broken. */
export function stripLocationMetadata(type: PhotoType, b: Uint8Array): Uint8Array | null {
  if (type === "image/jpeg") return stripJpeg(b);
  if (type === "image/png") return stripPng(b);
  return stripWebp(b);
}

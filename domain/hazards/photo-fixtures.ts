// Test images built byte by byte (used by the domain and server hazard tests).

/** SOI, APP0 (JFIF), APP1 (Exif with a GPS tag), a fake scan, EOI. */
export function jpegWithExif(): Uint8Array {
  const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const exif = [..."Exif\0\0MM\0*GPSLatitude 31.7N"].map((c) => c.charCodeAt(0));
  const jfif = [..."JFIF\0"].map((c) => c.charCodeAt(0)).concat([1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Uint8Array.from([0xff, 0xd8, ...seg(0xe0, jfif), ...seg(0xe1, exif), ...seg(0xda, [0, 1, 2, 3]), 0x12, 0x34, 0xff, 0xd9]);
}

/** The smallest PNG the photo check accepts: signature, a 1×1 IHDR and IEND (CRCs not checked). */
export function tinyPng(): Uint8Array {
  const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
  return Uint8Array.from([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...[0, 0, 0, 13],
    ...ascii("IHDR"),
    ...[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0],
    ...[0, 0, 0, 0],
    ...[0, 0, 0, 0],
    ...ascii("IEND"),
    ...[0, 0, 0, 0],
  ]);
}

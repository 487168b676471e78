/**
 * A download's Content-Disposition (RFC 6266): an ASCII `filename` for old clients and the real, often Chinese,
 * name as RFC 5987 `filename*`. `inline` opens it in the browser (PDFs), `attachment` saves it.
 */
export function contentDisposition(kind: "attachment" | "inline", asciiName: string, name: string): string {
  return `${kind}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

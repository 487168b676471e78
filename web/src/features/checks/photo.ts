/** The most a check photo may be once decoded (the server's limit is 5 MB). */
export const photoMaxBytes = 5 * 1024 * 1024;
const maxSide = 1600;

export type PhotoUpload = { contentType: "image/jpeg" | "image/png"; data: string; preview: string };

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * A photo from the file input or camera as base64. Phone photos are scaled down to 1600 px on the long
 * side and re-encoded as JPEG, so they stay well under the limit; small PNG/JPEG files are sent as they are.
 */
export async function photoOf(file: File): Promise<PhotoUpload> {
  const small = file.size <= 1024 * 1024 && (file.type === "image/jpeg" || file.type === "image/png");
  let blob: Blob = file;
  let contentType: PhotoUpload["contentType"] = file.type === "image/png" ? "image/png" : "image/jpeg";
  if (!small) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode"))), "image/jpeg", 0.85),
    );
    contentType = "image/jpeg";
  }
  if (blob.size > photoMaxBytes) throw new RangeError("photo too large");
  const data = await base64Of(blob);
  return { contentType, data, preview: `data:${contentType};base64,${data}` };
}

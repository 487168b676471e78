import dayjs from "dayjs";

/** Server timestamps (ISO 8601) in local time; "—" for none. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format(withSeconds ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm") : iso;
}

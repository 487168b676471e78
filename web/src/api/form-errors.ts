import type { FormInstance } from "antd";
import type { ApiError } from "./client.js";

/**
 * Puts the server's per-field messages on the matching form fields.
 * Returns true when at least one field of the form received a message.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError, fieldNames: readonly string[]): boolean {
  const known = error.fields.filter((f) => fieldNames.includes(f.path));
  if (known.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const f of known) byField.set(f.path, [...(byField.get(f.path) ?? []), f.message]);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}

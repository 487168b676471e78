import type { FormInstance } from "antd";
import { type ApiError, toApiError } from "./client.js";

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

type SubmitFailure = {
  form: FormInstance;
  fieldNames: readonly string[];
  /** A 409 conflict.stale_version: the record changed under us; the caller reloads it. */
  onStale: () => void;
  /** Any other failure that no field can show. */
  onOther: (error: ApiError) => void;
  notify: (message: string) => void;
};

/**
 * How every versioned form answers a failed save: a stale copy is announced and reloaded, field
 * errors land on their fields, anything else is shown above the form.
 */
export function handleSaveError(err: unknown, f: SubmitFailure): void {
  const error = toApiError(err);
  if (error.code === "conflict.stale_version") {
    f.notify(error.message);
    f.onStale();
    return;
  }
  if (!applyFieldErrors(f.form, error, f.fieldNames)) f.onOther(error);
}

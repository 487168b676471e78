import type { FormInstance } from "antd";
import type { ApiError } from "../../api/client.js";

/**
 * Puts the server's field messages on nested form fields: the server names them by dotted path
 * (`events.0.measures.1.description`), the form by name path (`["events", 0, "measures", 1, "description"]`).
 * Returns true when at least one registered field received a message.
 */
export function applyPathErrors(form: FormInstance, error: ApiError): boolean {
  const registered = new Map(form.getFieldsError().map((f) => [f.name.join("."), f.name]));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of error.fields) {
    const name = registered.get(f.path);
    if (!name) continue;
    const entry = byField.get(f.path) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(f.path, entry);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField.values()]);
  return true;
}

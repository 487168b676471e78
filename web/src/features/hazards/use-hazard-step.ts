import { App, Form, type FormInstance } from "antd";
import { useState } from "react";
import { ApiError, toApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import type { HazardDetail } from "./hazards-api.js";

type StepOptions = {
  /** The form's field names: a server message on one of them shows on that field. */
  fieldNames: readonly string[];
  /** Server field path → the form's field (e.g. plan.measures → measures); the rest shows above the form. */
  fieldOf?: (path: string) => string;
  onDone: (next: HazardDetail) => void;
  onStale: () => void;
  /** Appended to the stale-version warning ("reloaded…"). */
  staleNote: string;
};

/**
 * One step on a hazard as a modal form (transition, listing step, details): saving state, the success message,
 * and how a failure answers — a stale version or a hazard moved on by someone else (another state) is announced
 * and reloaded, field errors land on their fields, anything else shows above the form.
 */
export function useHazardStep<V>({ fieldNames, fieldOf, onDone, onStale, staleNote }: StepOptions) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  const run = async (save: () => Promise<HazardDetail>, done: string) => {
    setSaving(true);
    setError(undefined);
    try {
      const next = await save();
      message.success(done);
      onDone(next);
    } catch (err) {
      setSaving(false);
      const e = toApiError(err);
      const mapped = fieldOf
        ? new ApiError(
            e.status,
            e.code,
            e.message,
            e.fields.map((f) => ({ ...f, path: fieldOf(f.path) })),
            e.requestId,
          )
        : e;
      handleSaveError(mapped, {
        form: form as FormInstance,
        fieldNames,
        onStale,
        onOther: (x) => {
          if (x.code === "workflow.illegal_transition") {
            message.warning(x.message);
            onStale();
          } else setError(x);
        },
        notify: (m) => message.warning(`${m} ${staleNote}`),
      });
    }
  };
  return { form, error, saving, run };
}

import { useCallback } from "react";
import { type DepartmentKind, departmentKindLabels, departmentKinds } from "../../../../domain/departments/department.dto.js";
import { useLang } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

export { departmentKinds };

/** 应急管理局, 住房和城乡建设局, … (from the shared contract) in the current UI language. */
export function useDepartmentKindLabel(): (kind: DepartmentKind | string) => string {
  const [lang] = useLang();
  const key = labelKeyOf(lang);
  return useCallback((kind: DepartmentKind | string) => departmentKindLabels[kind as DepartmentKind]?.[key] ?? kind, [key]);
}

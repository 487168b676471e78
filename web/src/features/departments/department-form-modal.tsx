import { Alert, App, Button, Flex, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import type { RegionLevel } from "../../../../domain/access/roles.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { departmentKinds, useDepartmentKindLabel } from "./department-labels.js";
import { type Department, type DepartmentKind, departmentsApi } from "./departments-api.js";

/** The levels that have regulating departments (市、县区、乡镇街道). */
export const departmentLevels: readonly RegionLevel[] = ["city", "county", "township"];

const nameMax = 64;
const phonePattern = /^[0-9+\- ]{5,20}$/;

type Values = { regionCode?: string; kind?: DepartmentKind; name?: string; phone?: string | null };

type DepartmentFormModalProps = {
  /** "new" to set one up, a department to edit it; closed when undefined. */
  target?: "new" | Department;
  onClose: () => void;
  onSaved: (d: Department) => void;
  /** The department changed under us (409 conflict.stale_version). */
  onStale: () => void;
};

/** Sets up a department (region, kind, name, phone) or renames it / changes its phone (version-guarded). */
export function DepartmentFormModal({ target, onClose, onSaved, onStale }: DepartmentFormModalProps) {
  const t = useT();
  const editing = target && target !== "new" ? target : undefined;
  return (
    <Modal
      open={!!target}
      title={editing ? t("departments.editTitle", { name: editing.name }) : t("departments.createTitle")}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {target && (
        <DepartmentForm
          key={editing ? `${editing.id}:${editing.version}` : "new"}
          department={editing}
          onClose={onClose}
          onSaved={onSaved}
          onStale={onStale}
        />
      )}
    </Modal>
  );
}

function DepartmentForm({ department, onClose, onSaved, onStale }: Omit<DepartmentFormModalProps, "target"> & { department?: Department }) {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: Values) => {
    const name = v.name?.trim() ?? "";
    const phone = v.phone?.trim() || null;
    if (department && name === department.name && phone === department.phone) {
      message.info(t("departments.unchanged"));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const saved = department
        ? await departmentsApi.update(department.id, { version: department.version, name, phone })
        : await departmentsApi.create({ regionCode: v.regionCode ?? "", kind: v.kind as DepartmentKind, name, phone });
      message.success(department ? t("departments.saved") : t("departments.created"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        fieldNames: ["regionCode", "kind", "name", "phone"],
        onStale,
        onOther: setError,
        notify: message.error,
      });
    }
  };

  return (
    <Form<Values>
      form={form}
      name="department"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={
        department
          ? { regionCode: department.regionCode, kind: department.kind, name: department.name, phone: department.phone }
          : { regionCode: me.regionCode ?? undefined }
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="regionCode"
        label={t("departments.region")}
        rules={[{ required: true, message: t("departments.regionRequired") }]}
        extra={department ? t("departments.kindFixed") : t("departments.regionHelp")}
      >
        <RegionSelect levels={departmentLevels} rootCode={me.regionCode ?? undefined} disabled={!!department} />
      </Form.Item>
      <Form.Item name="kind" label={t("departments.kind")} rules={[{ required: true, message: t("departments.kindRequired") }]}>
        <Select disabled={!!department} options={departmentKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("departments.name")}
        rules={[
          { required: true, whitespace: true, message: t("departments.nameRequired") },
          { max: nameMax, message: t("departments.nameTooLong", { max: nameMax }) },
        ]}
      >
        <Input maxLength={nameMax} autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t("departments.phone")} rules={[{ pattern: phonePattern, message: t("departments.phoneInvalid") }]}>
        <Input type="tel" maxLength={20} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button id="department-submit" type="primary" htmlType="submit" loading={submitting}>
            {department ? t("common.save") : t("departments.create")}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}

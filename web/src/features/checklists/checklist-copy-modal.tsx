import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { type ApiError, toApiError } from "../../api/client.js";
import { useT } from "../../i18n/i18n-context.js";
import { type ChecklistDetail, checklistsApi } from "./checklists-api.js";

type Props = {
  /** The template to copy; the dialog is open while set. */
  source: { id: string; name: string } | undefined;
  onClose: () => void;
  onCopied: (copy: ChecklistDetail) => void;
};

/** Copies a built-in or visible template (its newest published version) into a draft of the caller's own. */
export function CopyChecklistModal({ source, onClose, onCopied }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  return (
    <Modal
      open={!!source}
      title={source ? t("checklists.copyTitle", { name: source.name }) : ""}
      onCancel={onClose}
      okText={t("checklists.copy")}
      cancelText={t("common.cancel")}
      okButtonProps={{ id: "checklist-copy-ok" }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {source && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ name: t("checklists.copyName", { name: source.name }) }}
          onFinish={async (v) => {
            setBusy(true);
            setError(undefined);
            try {
              const copy = await checklistsApi.copy(source.id, { name: v.name.trim() });
              message.success(t("checklists.copied"));
              onCopied(copy);
            } catch (err) {
              setError(toApiError(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Typography.Paragraph type="secondary">{t("checklists.copyHint")}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
          <Form.Item
            name="name"
            label={t("checklists.name")}
            rules={[{ required: true, whitespace: true, message: t("checklists.nameRequired") }]}
          >
            <Input id="checklist-copy-name" maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

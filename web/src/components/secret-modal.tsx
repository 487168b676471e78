import { Alert, Button, Modal, Typography } from "antd";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n-context.js";

type SecretModalProps = {
  open: boolean;
  title: ReactNode;
  /** Why this is shown only once and what to do with it. */
  warning: ReactNode;
  secret: string;
  onClose: () => void;
};

/** Shows a one-time secret (temporary password, API token) with a copy button. */
export function SecretModal({ open, title, warning, secret, onClose }: SecretModalProps) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t("secret.done")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: secret, tooltips: [t("common.copy"), t("common.copied")] }}
        code
        data-testid="one-time-secret"
        style={{ fontSize: 16, wordBreak: "break-all" }}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}

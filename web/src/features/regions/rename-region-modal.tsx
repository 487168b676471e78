import { Alert, App, Button, Flex, Form, Input, Modal } from "antd";
import { useState } from "react";
import { type ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RegionDetail, regionsApi } from "./regions-api.js";

type Values = { name: string };

const nameMax = 60;

type RenameRegionModalProps = {
  /** The region to rename; the modal is open while set. */
  region?: RegionDetail;
  onClose: () => void;
  onRenamed: (region: RegionDetail) => void;
  /** The region changed under us (409 conflict.stale_version): it must be reloaded. */
  onStale: () => void;
};

/** Renames a region (administrators), sending the version it was read at. */
export function RenameRegionModal({ region, onClose, onRenamed, onStale }: RenameRegionModalProps) {
  const t = useT();
  return (
    <Modal open={!!region} title={t("regions.renameTitle", { name: region?.name ?? "" })} onCancel={onClose} footer={null} destroyOnHidden>
      {region && (
        <RenameForm key={`${region.code}:${region.version}`} region={region} onClose={onClose} onRenamed={onRenamed} onStale={onStale} />
      )}
    </Modal>
  );
}

function RenameForm({ region, onClose, onRenamed, onStale }: RenameRegionModalProps & { region: RegionDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const renamed = await regionsApi.rename(region.code, { name: v.name.trim(), version: region.version });
      message.success(t("regions.renamed"));
      onRenamed(renamed);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: ["name"], onStale, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form<Values>
      form={form}
      name="regionRename"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={{ name: region.name }}
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="name"
        label={t("regions.newName")}
        rules={[
          { required: true, whitespace: true, message: t("regions.nameRequired") },
          { max: nameMax, message: t("regions.nameTooLong", { max: nameMax }) },
          {
            validator: (_, value: string | undefined) =>
              value?.trim() === region.name ? Promise.reject(new Error(t("regions.nameUnchanged"))) : Promise.resolve(),
          },
        ]}
      >
        <Input name="name" maxLength={nameMax} autoComplete="off" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button id="region-rename-submit" type="primary" htmlType="submit" loading={submitting}>
            {t("common.save")}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}

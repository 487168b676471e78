import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RegionDetail, type RegionMergeResult, regionsApi } from "./regions-api.js";

type Values = { into?: string; reason?: string };

const reasonMax = 500;

type MergeRegionModalProps = {
  /** The region to retire; the modal is open while set. */
  region?: RegionDetail;
  onClose: () => void;
  onMerged: (result: RegionMergeResult) => void;
  /** The region changed under us (409 conflict.stale_version): it must be reloaded. */
  onStale: () => void;
};

/** 撤并: retires a region in favour of a successor of the same level (administrators), sending the version it was read at. */
export function MergeRegionModal({ region, onClose, onMerged, onStale }: MergeRegionModalProps) {
  const t = useT();
  return (
    <Modal open={!!region} title={t("regionMerge.title", { name: region?.name ?? "" })} onCancel={onClose} footer={null} destroyOnHidden>
      {region && (
        <MergeForm key={`${region.code}:${region.version}`} region={region} onClose={onClose} onMerged={onMerged} onStale={onStale} />
      )}
    </Modal>
  );
}

function MergeForm({ region, onClose, onMerged, onStale }: MergeRegionModalProps & { region: RegionDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const parent = region.parentCode ?? undefined;

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await regionsApi.merge(region.code, { into: v.into ?? "", version: region.version, reason: v.reason?.trim() ?? "" });
      message.success(t("regionMerge.done", { name: result.region.name, successor: result.successor.name }));
      onMerged(result);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: ["into", "reason"], onStale, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form<Values> form={form} name="regionMerge" layout="vertical" onFinish={onFinish} disabled={submitting}>
      <Typography.Paragraph type="secondary">{t("regionMerge.desc")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="into"
        label={t("regionMerge.into")}
        extra={t("regionMerge.intoHelp", { level: t(`regions.level.${region.level}`) })}
        rules={[
          { required: true, message: t("regionMerge.intoRequired") },
          {
            validator: (_, value: string | undefined) =>
              value === region.code ? Promise.reject(new Error(t("regionMerge.self"))) : Promise.resolve(),
          },
        ]}
      >
        {/* 撤并 joins a neighbour: the successor is chosen among the nodes under the same parent. */}
        <RegionSelect levels={[region.level]} rootCode={parent && parent.length > 2 ? parent : undefined} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("regionMerge.reason")}
        rules={[
          { required: true, whitespace: true, message: t("regionMerge.reasonRequired") },
          { max: reasonMax, message: t("regionMerge.reasonTooLong", { max: reasonMax }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={reasonMax} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button id="region-merge-submit" type="primary" danger htmlType="submit" loading={submitting}>
            {t("regionMerge.submit")}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}

import { CameraOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Radio } from "antd";
import { useRef, useState } from "react";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useT } from "../../i18n/i18n-context.js";
import { periodText } from "./check-labels.js";
import { type CheckRecord, type CheckTask, checksApi } from "./checks-api.js";
import { type PhotoUpload, photoOf } from "./photo.js";

type Values = { result: "pass" | "fail"; remark?: string };

type Props = {
  /** The task whose open occurrence is being done; the modal is open while set. */
  task?: CheckTask;
  initialResult: "pass" | "fail";
  onClose: () => void;
  onDone: (record: CheckRecord) => void;
};

/** Records the open occurrence of a check: pass, or fail with what was found (remark required), and an optional photo. */
export function RecordCheckModal({ task, initialResult, onClose, onDone }: Props) {
  const t = useT();
  return (
    <Modal
      open={!!task}
      title={task ? t("checks.recordTitle", { content: task.content }) : ""}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {task && <RecordForm task={task} initialResult={initialResult} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function RecordForm({ task, initialResult, onClose, onDone }: Props & { task: CheckTask }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch("result", form) ?? initialResult;
  const [photo, setPhoto] = useState<PhotoUpload>();
  const [photoError, setPhotoError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const input = useRef<HTMLInputElement>(null);

  const pick = async (file: File | undefined) => {
    setPhotoError(undefined);
    if (!file) return;
    try {
      setPhoto(await photoOf(file));
    } catch (err) {
      setPhoto(undefined);
      setPhotoError(err instanceof RangeError ? t("checks.photoTooLarge") : t("checks.photoUnreadable"));
    }
  };

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const record = await checksApi.record(task.id, {
        periodKey: task.current?.key,
        result: v.result,
        remark: v.remark?.trim() ? v.remark.trim() : null,
        photo: photo ? { contentType: photo.contentType, data: photo.data } : null,
      });
      message.success(v.result === "pass" ? t("checks.recordedPass") : t("checks.recordedFail"));
      onDone(record);
    } catch (err) {
      setSubmitting(false);
      const e = toApiError(err);
      if (!applyFieldErrors(form, e, ["result", "remark"])) setError(e);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ result: initialResult }} onFinish={onFinish} name="check-record">
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("checks.riskPoint")}>{task.riskPointName}</Descriptions.Item>
        {task.method && <Descriptions.Item label={t("checks.method")}>{task.method}</Descriptions.Item>}
        <Descriptions.Item label={t("checks.period")}>{periodText(task.current)}</Descriptions.Item>
      </Descriptions>
      <Form.Item name="result" label={t("checks.result")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio.Button value="pass" id="check-result-pass">
            {t("checks.pass")}
          </Radio.Button>
          <Radio.Button value="fail" id="check-result-fail">
            {t("checks.fail")}
          </Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="remark"
        label={result === "fail" ? t("checks.remarkFail") : t("checks.remarkOptional")}
        rules={[
          { max: 1000, message: t("checks.remarkTooLong") },
          ...(result === "fail"
            ? [
                { required: true, whitespace: true, message: t("checks.remarkRequired") },
                { min: 2, message: t("checks.remarkRequired") },
              ]
            : []),
        ]}
      >
        <Input.TextArea id="check-record_remark" rows={3} placeholder={result === "fail" ? t("checks.remarkFailPlaceholder") : undefined} />
      </Form.Item>
      <Form.Item label={t("checks.photoOptional")} validateStatus={photoError ? "error" : undefined} help={photoError}>
        <Flex gap={8} align="center" wrap>
          <input
            ref={input}
            id="check-photo-input"
            type="file"
            accept="image/jpeg,image/png,image/*"
            capture="environment"
            style={{ display: "none" }}
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>
            {photo ? t("checks.photoReplace") : t("checks.photoTake")}
          </Button>
          {photo && (
            <>
              <img
                src={photo.preview}
                alt={t("checks.photoPreview")}
                style={{ height: 64, borderRadius: 4 }}
                data-testid="check-photo-preview"
              />
              <Button icon={<DeleteOutlined />} aria-label={t("checks.photoRemove")} onClick={() => setPhoto(undefined)} />
            </>
          )}
        </Flex>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose}>{t("common.cancel")}</Button>
        <Button id="check-record-submit" type="primary" htmlType="submit" loading={submitting} danger={result === "fail"}>
          {t("checks.submitRecord")}
        </Button>
      </Flex>
    </Form>
  );
}

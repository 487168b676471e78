import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Tag, Typography } from "antd";
import { useState } from "react";
import {
  type ControlLayer,
  type ControlLayerTable,
  controlLayerLabels,
  controlLayers,
  defaultControlLayers,
} from "../../../../domain/risk/levels.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RiskSettings, riskApi } from "./risk-api.js";
import { levelsHighFirst, RiskLevelTag, useLabel } from "./risk-labels.js";

type Values = { controlLayers: ControlLayerTable; reviewIntervalMonths: number };

/**
 * An enterprise's 分级管控 settings: which layer controls each level (R9, "changeable per enterprise")
 * and the scheduled review interval (R11). Saved under the settings' version (409 when someone else
 * saved first); read-only for everyone without risk.manage.
 */
export function RiskSettingsCard({ enterpriseId, canManage, onSaved }: { enterpriseId: string; canManage: boolean; onSaved: () => void }) {
  const settings = useApi((signal) => riskApi.settings(enterpriseId, signal), [enterpriseId]);
  if (settings.error) return <ErrorResult error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Card size="small" loading />;
  return (
    <SettingsForm
      key={settings.data.version}
      settings={settings.data}
      canManage={canManage}
      onReload={settings.reload}
      onSaved={() => {
        settings.reload();
        onSaved();
      }}
    />
  );
}

type FormProps = { settings: RiskSettings; canManage: boolean; onReload: () => void; onSaved: () => void };

function SettingsForm({ settings, canManage, onReload, onSaved }: FormProps) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: Values) => {
    setError(undefined);
    setSaving(true);
    try {
      await riskApi.saveSettings(settings.enterpriseId, { ...v, version: settings.version });
      message.success(t("risk.settingsSaved"));
      onSaved();
    } catch (err) {
      handleSaveError(err, {
        form,
        fieldNames: ["reviewIntervalMonths"],
        notify: setStale,
        onStale: () => {},
        onOther: setError,
      });
    } finally {
      setSaving(false);
    }
  };

  const layerOptions = controlLayers.map((l) => ({ value: l, label: label(controlLayerLabels[l]) }));
  return (
    <Card
      size="small"
      title={t("risk.settingsTitle")}
      data-testid="risk-settings"
      extra={settings.version === 0 && <Tag>{t("risk.settingsDefaults")}</Tag>}
    >
      <Form<Values>
        form={form}
        name="risk-settings"
        layout="vertical"
        disabled={!canManage || saving}
        initialValues={{ controlLayers: settings.controlLayers, reviewIntervalMonths: settings.reviewIntervalMonths }}
        onFinish={onFinish}
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t(canManage ? "risk.settingsHelp" : "risk.settingsReadOnly")}</Typography.Text>
          {stale && (
            <Alert
              type="warning"
              showIcon
              title={stale}
              description={t("risk.staleHint")}
              action={
                <Button size="small" onClick={onReload} disabled={false}>
                  {t("risk.reloadRecord")}
                </Button>
              }
            />
          )}
          {error && <Alert type="error" showIcon title={error.message} />}
          <Row gutter={16}>
            {levelsHighFirst.map((level) => (
              <Col key={level} xs={24} sm={12} lg={6}>
                <Form.Item
                  name={["controlLayers", level]}
                  label={<RiskLevelTag level={level} />}
                  extra={t("risk.settingsDefault", { layer: label(controlLayerLabels[defaultControlLayers[level]]) })}
                  rules={[{ required: true, message: t("risk.measureLayerRequired") }]}
                >
                  <Select<ControlLayer> id={`risk-settings-layer-${level}`} options={layerOptions} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item
            name="reviewIntervalMonths"
            label={t("risk.settingsInterval")}
            extra={t("risk.settingsIntervalHelp")}
            rules={[{ required: true, type: "integer", min: 1, max: 36, message: t("risk.settingsIntervalRange") }]}
          >
            <InputNumber id="risk-settings-interval" min={1} max={36} precision={0} suffix={t("risk.settingsMonths")} />
          </Form.Item>
          {canManage && (
            <Flex>
              <Button id="risk-settings-save" type="primary" htmlType="submit" loading={saving}>
                {t("common.save")}
              </Button>
            </Flex>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

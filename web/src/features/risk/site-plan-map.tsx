import { AimOutlined, CloseOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Empty, Flex, Progress, Select, Space, Tag, Typography, Upload } from "antd";
import { type MouseEvent, useState } from "react";
import { useNavigate } from "react-router";
import { defaultColourHex, riskLevelLabels } from "../../../../domain/risk/levels.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RiskPoint, riskApi, type SitePlan } from "./risk-api.js";
import { levelsHighFirst, unassessedColour, useLabel } from "./risk-labels.js";

const acceptedTypes = ["image/png", "image/jpeg"];
const maxBytes = 10 * 1024 * 1024;

const colourOf = (p: RiskPoint) => (p.level ? defaultColourHex[p.level] : unassessedColour);

/** A position on the plan as a fraction of its size, kept inside 0..1 (PlanPosition) and to 4 places. */
function positionOf(event: MouseEvent<HTMLElement>): { x: number; y: number } {
  const box = event.currentTarget.getBoundingClientRect();
  const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
  return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
}

type SitePlanMapProps = {
  enterpriseId: string;
  plan: SitePlan | null;
  canManage: boolean;
  /** A plan was uploaded or a point moved. */
  onChanged: () => void;
};

/**
 * 四色图 (11号 二(二)): the enterprise's site plan with each risk point in its level's colour (grey until
 * assessed) and a legend. An administrator uploads the plan and places a point by choosing it and
 * clicking the plan; clicking a marker opens the point.
 */
export function SitePlanMap({ enterpriseId, plan, canManage, onChanged }: SitePlanMapProps) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const points = useApi((signal) => riskApi.allPoints(enterpriseId, signal), [enterpriseId]);
  const [placing, setPlacing] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [progress, setProgress] = useState<number>();

  const uploadPlan = async (file: File) => {
    setError(undefined);
    if (!acceptedTypes.includes(file.type)) {
      setError(toApiError(new Error(t("risk.planType"))));
      return;
    }
    if (file.size > maxBytes) {
      setError(toApiError(new Error(t("risk.planTooLarge", { mb: maxBytes / 1024 / 1024 }))));
      return;
    }
    setProgress(0);
    try {
      await riskApi.uploadSitePlan(enterpriseId, file, setProgress);
      message.success(t("risk.planUploaded"));
      onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setProgress(undefined);
    }
  };

  const place = async (event: MouseEvent<HTMLDivElement>) => {
    const point = points.data?.find((p) => p.id === placing);
    if (!point || saving) return;
    const position = positionOf(event);
    setSaving(true);
    setError(undefined);
    try {
      await riskApi.update(point.id, { position, version: point.version });
      message.success(t("risk.placed", { name: point.name }));
      setPlacing(undefined);
      points.reload();
      onChanged();
    } catch (err) {
      const e = toApiError(err);
      // Someone else changed the point meanwhile: show theirs, then the user places it again.
      if (e.code === "conflict.stale_version") points.reload();
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const uploadButton = canManage && (
    <Upload
      accept={acceptedTypes.join(",")}
      showUploadList={false}
      maxCount={1}
      beforeUpload={(file) => {
        void uploadPlan(file);
        return false;
      }}
    >
      <Button id="site-plan-upload" icon={<UploadOutlined />} loading={progress !== undefined}>
        {plan ? t("risk.planReplace") : t("risk.planUpload")}
      </Button>
    </Upload>
  );

  const placed = (points.data ?? []).filter((p) => p.position);
  const unplaced = (points.data ?? []).filter((p) => !p.position);

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon closable title={error.message} onClose={() => setError(undefined)} />}
      {progress !== undefined && <Progress percent={progress} size="small" />}
      {!plan ? (
        <Empty description={canManage ? t("risk.planNoneManage") : t("risk.planNone")}>{uploadButton}</Empty>
      ) : (
        <>
          <Flex wrap gap={8} align="center" justify="space-between">
            {canManage ? (
              <Space wrap>
                <Select
                  id="plan-point-select"
                  style={{ width: 260 }}
                  placeholder={t("risk.placeChoose")}
                  value={placing}
                  onChange={setPlacing}
                  showSearch={{ optionFilterProp: "label" }}
                  options={(points.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                />
                {placing && (
                  <Button icon={<CloseOutlined />} onClick={() => setPlacing(undefined)}>
                    {t("common.cancel")}
                  </Button>
                )}
                {uploadButton}
              </Space>
            ) : (
              <span />
            )}
            <Legend />
          </Flex>
          {placing && (
            <Alert
              type="info"
              showIcon
              icon={<AimOutlined />}
              title={t("risk.placeHint", { name: points.data?.find((p) => p.id === placing)?.name ?? "" })}
            />
          )}
          {points.error && <ErrorResult error={points.error} onRetry={points.reload} />}
          {/* The markers sit on the image at fractions of its size, so they stay put at any width. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: placing is a pointer action; the points stay reachable from the list. */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above. */}
          <div
            data-testid="site-plan"
            data-placing={placing ? "true" : "false"}
            onClick={placing ? place : undefined}
            style={{
              position: "relative",
              display: "inline-block",
              maxWidth: "100%",
              lineHeight: 0,
              border: "1px solid #d9d9d9",
              cursor: placing ? "crosshair" : "default",
              alignSelf: "flex-start",
            }}
          >
            <img src={riskApi.sitePlanUrl(plan)} alt={t("risk.planAlt")} style={{ maxWidth: "100%", display: "block" }} draggable={false} />
            {placed.map((p) => (
              <button
                key={p.id}
                type="button"
                data-testid="plan-marker"
                data-name={p.name}
                data-colour={p.colour ?? "grey"}
                title={`${p.name} · ${p.level ? label(riskLevelLabels[p.level]) : t("risk.notAssessed")}`}
                onClick={(e) => {
                  e.stopPropagation();
                  navigate(`/risk-points/${p.id}`);
                }}
                style={{
                  position: "absolute",
                  left: `${(p.position?.x ?? 0) * 100}%`,
                  top: `${(p.position?.y ?? 0) * 100}%`,
                  transform: "translate(-50%, -50%)",
                  width: 22,
                  height: 22,
                  padding: 0,
                  borderRadius: "50%",
                  border: "2px solid #fff",
                  boxShadow: "0 0 0 1px rgba(0,0,0,.45), 0 1px 4px rgba(0,0,0,.4)",
                  background: colourOf(p),
                  cursor: "pointer",
                  // While placing, a click anywhere (even on a marker) places the chosen point.
                  pointerEvents: placing ? "none" : "auto",
                }}
              >
                <span
                  style={{
                    position: "absolute",
                    left: 24,
                    top: 0,
                    lineHeight: "18px",
                    whiteSpace: "nowrap",
                    fontSize: 12,
                    padding: "0 4px",
                    background: "rgba(255,255,255,.85)",
                    borderRadius: 2,
                    color: "#262626",
                  }}
                >
                  {p.name}
                </span>
              </button>
            ))}
          </div>
          {unplaced.length > 0 && (
            <Typography.Text type="secondary">
              {t("risk.unplaced")}{" "}
              {unplaced.map((p) => (
                <Tag key={p.id} color={colourOf(p)} style={p.level === "general" ? { color: "#262626" } : undefined}>
                  {p.name}
                </Tag>
              ))}
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}

/** The four colours and grey for points not yet assessed. */
function Legend() {
  const t = useT();
  const label = useLabel();
  const items = [
    ...levelsHighFirst.map((l) => ({ key: l, colour: defaultColourHex[l], text: label(riskLevelLabels[l]) })),
    { key: "none", colour: unassessedColour, text: t("risk.notAssessed") },
  ];
  return (
    <Flex wrap gap={12} data-testid="site-plan-legend" aria-label={t("risk.legend")}>
      {items.map((i) => (
        <Flex key={i.key} align="center" gap={4}>
          <span
            style={{
              width: 14,
              height: 14,
              borderRadius: "50%",
              background: i.colour,
              border: "1px solid rgba(0,0,0,.25)",
              display: "inline-block",
            }}
          />
          <span>{i.text}</span>
        </Flex>
      ))}
    </Flex>
  );
}

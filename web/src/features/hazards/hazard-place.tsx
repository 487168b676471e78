import { AimOutlined, CloseOutlined, EnvironmentOutlined } from "@ant-design/icons";
import { Button, Flex, Select, Space, Typography } from "antd";
import { type MouseEvent, useState } from "react";
import { type HazardCategory, hazardCategories } from "../../../../domain/hazards/hazard.js";
import { useApi } from "../../api/use-api.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { riskApi } from "../risk/risk-api.js";

export type GpsValue = { latitude: number; longitude: number };
export type PlanPoint = { x: number; y: number };

/** The label of a sub-type within its category (the same key means different things in the two categories). */
export function useSubTypeLabel() {
  const t = useT();
  return (category: HazardCategory, subType: string) => t(`hazardDetails.subType.${category}.${subType}` as MessageKey) ?? subType;
}

/** The sub-types of one category (基础管理类 / 现场管理类), a Form.Item control. */
export function SubTypeSelect({
  id,
  category,
  value,
  onChange,
}: {
  id?: string;
  category: HazardCategory;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const t = useT();
  const subTypeLabel = useSubTypeLabel();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      placeholder={t("hazardDetails.subTypePick")}
      options={hazardCategories[category].map((s) => ({ value: s, label: subTypeLabel(category, s) }))}
      style={{ width: "100%" }}
    />
  );
}

// The DTO's bounds (China's extent); a phone abroad or a spoofed fix is not stored.
const inChina = (g: GpsValue) => g.latitude >= 3 && g.latitude <= 54 && g.longitude >= 73 && g.longitude <= 136;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * "Use my location": asks the browser for the position only when the user taps, and shows the coordinates
 * (WGS-84, as the Geolocation API gives them). A Form.Item control; null when none.
 */
export function GpsInput({ id, value, onChange }: { id?: string; value?: GpsValue | null; onChange?: (v: GpsValue | null) => void }) {
  const t = useT();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string>();
  const locate = () => {
    setProblem(undefined);
    if (!("geolocation" in navigator)) {
      setProblem(t("hazardDetails.gpsUnavailable"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const g = { latitude: round6(pos.coords.latitude), longitude: round6(pos.coords.longitude) };
        if (inChina(g)) onChange?.(g);
        else setProblem(t("hazardDetails.gpsOutside"));
      },
      (err) => {
        setLocating(false);
        setProblem(t("hazardDetails.gpsDenied", { reason: err.message }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  return (
    <Flex vertical gap={4} id={id}>
      <Space wrap>
        <Button icon={<EnvironmentOutlined />} loading={locating} onClick={locate} id="hazard-gps-use">
          {locating ? t("hazardDetails.gpsLocating") : t("hazardDetails.gpsUse")}
        </Button>
        {value && (
          <>
            <Typography.Text data-testid="hazard-gps-value">
              {t("hazardDetails.gpsValue", { lat: value.latitude.toFixed(6), lon: value.longitude.toFixed(6) })}
            </Typography.Text>
            <Button size="small" icon={<CloseOutlined />} onClick={() => onChange?.(null)}>
              {t("hazardDetails.gpsClear")}
            </Button>
          </>
        )}
      </Space>
      {problem && <Typography.Text type="warning">{problem}</Typography.Text>}
    </Flex>
  );
}

/** A position on the plan as a fraction of its size, inside 0..1 and to 4 places (as risk points are placed). */
function positionOf(event: MouseEvent<HTMLElement>): PlanPoint {
  const box = event.currentTarget.getBoundingClientRect();
  const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
  return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
}

/** The enterprise's site plan (uploaded in the risk module), read through the risk API; undefined while loading. */
function useSitePlan(enterpriseId?: string) {
  const summary = useApi((signal) => (enterpriseId ? riskApi.summary(enterpriseId, signal) : Promise.resolve(null)), [enterpriseId]);
  return { plan: summary.data?.sitePlan ?? null, loading: summary.loading };
}

/** The site plan with the hazard's marker; `onPick` makes a click place it. */
function PlanImage({ src, point, onPick }: { src: string; point?: PlanPoint | null; onPick?: (p: PlanPoint) => void }) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: placing is a pointer action; the point is optional and can be cleared.
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above.
    <div
      data-testid="hazard-plan"
      onClick={onPick ? (e) => onPick(positionOf(e)) : undefined}
      style={{
        position: "relative",
        display: "inline-block",
        maxWidth: "100%",
        lineHeight: 0,
        border: "1px solid #d9d9d9",
        cursor: onPick ? "crosshair" : "default",
        alignSelf: "flex-start",
      }}
    >
      <img src={src} alt={t("hazardDetails.planAlt")} style={{ maxWidth: "100%", maxHeight: 360, display: "block" }} draggable={false} />
      {point && (
        <span
          data-testid="hazard-plan-marker"
          data-x={point.x}
          data-y={point.y}
          title={t("hazardDetails.planMarker")}
          style={{
            position: "absolute",
            left: `${point.x * 100}%`,
            top: `${point.y * 100}%`,
            transform: "translate(-50%, -50%)",
            width: 20,
            height: 20,
            borderRadius: "50%",
            border: "3px solid #fff",
            boxShadow: "0 0 0 2px #cf1322, 0 1px 4px rgba(0,0,0,.5)",
            background: "#cf1322",
            pointerEvents: "none",
          }}
        />
      )}
    </div>
  );
}

/** Marks the hazard on the enterprise's site plan (a Form.Item control); says so when there is no plan. */
export function PlanPointInput({
  id,
  enterpriseId,
  value,
  onChange,
}: {
  id?: string;
  enterpriseId?: string;
  value?: PlanPoint | null;
  onChange?: (v: PlanPoint | null) => void;
}) {
  const t = useT();
  const { plan, loading } = useSitePlan(enterpriseId);
  if (loading) return null;
  if (!plan) return <Typography.Text type="secondary">{t("hazardDetails.planPointNone")}</Typography.Text>;
  return (
    <Flex vertical gap={8} id={id}>
      <Typography.Text type="secondary">
        <AimOutlined /> {t("hazardDetails.planPointHint")}
      </Typography.Text>
      <PlanImage src={riskApi.sitePlanUrl(plan)} point={value} onPick={(p) => onChange?.(p)} />
      {value && (
        <Button size="small" icon={<CloseOutlined />} onClick={() => onChange?.(null)} style={{ alignSelf: "flex-start" }}>
          {t("hazardDetails.planPointClear")}
        </Button>
      )}
    </Flex>
  );
}

/** Whether the enterprise has a site plan (to show the plan field only then). */
export function useHasSitePlan(enterpriseId?: string): boolean {
  return !!useSitePlan(enterpriseId).plan;
}

/** The hazard's GPS position and its point on the site plan, read-only (detail page). */
export function HazardPlace({
  enterpriseId,
  latitude,
  longitude,
  planX,
  planY,
}: {
  enterpriseId: string;
  latitude: number | null;
  longitude: number | null;
  planX: number | null;
  planY: number | null;
}) {
  const t = useT();
  const { plan } = useSitePlan(planX === null ? undefined : enterpriseId);
  if (latitude === null && planX === null) return <Typography.Text type="secondary">{t("hazardDetails.noPlace")}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="hazard-place">
      {latitude !== null && longitude !== null && (
        <Typography.Text data-testid="hazard-gps">
          <EnvironmentOutlined /> {t("hazardDetails.gpsValue", { lat: latitude.toFixed(6), lon: longitude.toFixed(6) })}
        </Typography.Text>
      )}
      {plan && planX !== null && planY !== null && <PlanImage src={riskApi.sitePlanUrl(plan)} point={{ x: planX, y: planY }} />}
    </Flex>
  );
}

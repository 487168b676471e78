import { ArrowLeftOutlined } from "@ant-design/icons";
import { App, Button, Descriptions, Flex } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { applyUnitFieldErrors, bodyOf, HazardUnitForm } from "./hazard-unit-form.js";
import { type HazardUnit, majorHazardApi } from "./major-hazard-api.js";
import { MajorHazardTag } from "./major-hazard-level.js";

/** Registers a new production or storage unit for an enterprise. */
export function HazardUnitCreatePage() {
  const t = useT();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  return (
    <>
      <PageHeader
        title={t("mh.createTitle")}
        extra={
          <Link to={`/enterprises/${id}/hazard-units`}>
            <Button icon={<ArrowLeftOutlined />}>{t("mh.backToUnits")}</Button>
          </Link>
        }
      />
      <HazardUnitForm
        submitting={submitting}
        error={error}
        onCancel={() => navigate(`/enterprises/${id}/hazard-units`)}
        onSubmit={async (values, form) => {
          setSubmitting(true);
          setError(undefined);
          try {
            const unit = await majorHazardApi.create(id, bodyOf(values));
            message.success(t("mh.created"));
            navigate(`/hazard-units/${unit.id}`, { replace: true });
          } catch (err) {
            setSubmitting(false);
            const e = toApiError(err);
            if (!applyUnitFieldErrors(form, e)) setError(e);
          }
        }}
      />
    </>
  );
}

/** One unit: its stored identification and, for the enterprise administrator, the edit form. */
export function HazardUnitPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const canManage = roleHas(me.role, "major_hazard.manage");
  const loaded = useApi((signal) => majorHazardApi.get(id, signal), [id]);
  const [saved, setSaved] = useState<HazardUnit>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const current = loaded.data?.id === id ? loaded.data : undefined;
  const unit = saved && saved.id === id && saved.version >= (current?.version ?? 0) ? saved : current;

  return (
    <>
      <PageHeader
        title={
          <Flex gap={12} align="center" wrap>
            <span data-testid="hazard-unit-name">{unit?.name ?? t("mh.unit")}</span>
            {unit && <MajorHazardTag isMajor={unit.isMajor} level={unit.level} />}
          </Flex>
        }
        extra={
          unit && (
            <Link to={`/enterprises/${unit.enterpriseId}/hazard-units`}>
              <Button icon={<ArrowLeftOutlined />}>{t("mh.backToUnits")}</Button>
            </Link>
          )
        }
      />
      <PageState loading={!unit} error={loaded.error} onRetry={loaded.reload}>
        {unit && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t("mh.enterprise")}>
                <Link to={`/enterprises/${unit.enterpriseId}`}>{unit.enterpriseName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t("mh.computedAt")}>
                {formatDateTime(unit.identification.computedAt)} · {unit.identification.computedBy ?? t("mh.system")}
              </Descriptions.Item>
              <Descriptions.Item label={t("mh.reassessmentDue")}>{unit.reassessmentDue ?? "—"}</Descriptions.Item>
              {unit.filingDue && <Descriptions.Item label={t("mh.filingDue")}>{unit.filingDue}</Descriptions.Item>}
            </Descriptions>
            <HazardUnitForm
              key={`${unit.id}:${unit.version}`}
              unit={unit}
              readOnly={!canManage}
              submitting={submitting}
              error={error}
              onSubmit={async (values, form) => {
                setSubmitting(true);
                setError(undefined);
                try {
                  const next = await majorHazardApi.update(unit.id, { ...bodyOf(values), version: unit.version });
                  setSaved(next);
                  message.success(t("mh.saved"));
                } catch (err) {
                  const e = toApiError(err);
                  if (e.code === "conflict.stale_version") {
                    message.error(e.message);
                    setSaved(undefined);
                    loaded.reload();
                  } else if (!applyUnitFieldErrors(form, e)) setError(e);
                } finally {
                  setSubmitting(false);
                }
              }}
            />
          </>
        )}
      </PageState>
    </>
  );
}

import { ArrowLeftOutlined, EditOutlined, FilePdfOutlined, FileProtectOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Flex, Image, List, Tooltip, Typography } from "antd";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { judgeResponse } from "../../../../domain/inspections/checklist.js";
import { clauseText } from "../../../../domain/inspections/inspection.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { HazardLevelTag, HazardStateTag } from "../hazards/hazard-labels.js";
import { InspectionResultTag, InspectionStatusTag, OutcomeTag, useInspectionLabel } from "./inspection-labels.js";
import { type InspectionDetail, inspectionsApi } from "./inspections-api.js";

type Row = {
  key: string;
  index: number;
  section: string;
  question: string;
  clause: string | null;
  unit: string | null;
  response: InspectionDetail["responses"][number] | undefined;
  outcome: "pass" | "fail" | "na" | null;
  photos: InspectionDetail["photos"];
  hazard: InspectionDetail["hazards"][number] | undefined;
};

function rowsOf(d: InspectionDetail): Row[] {
  const responses = new Map(d.responses.map((r) => [r.itemId, r]));
  const hazards = new Map(d.hazards.map((h) => [h.itemId, h]));
  let index = 0;
  return d.checklist.content.sections.flatMap((s) =>
    s.items.map((item) => {
      const response = responses.get(item.id);
      return {
        key: item.id,
        index: ++index,
        section: s.title,
        question: item.question,
        clause: clauseText(item),
        unit: item.unit,
        response,
        outcome: response ? (response.outcome ?? judgeResponse(item, response).outcome) : null,
        photos: d.photos.filter((p) => p.itemId === item.id),
        hazard: hazards.get(item.id),
      };
    }),
  );
}

/**
 * /inspections/:id: the record — kind, enterprise, team with certificates, times, GPS, checklist version — every
 * item with its answer and photos, the signatures, the hazards the finish raised (links to the register) and the
 * report PDF. An inspection still open leads to its field form.
 */
export function InspectionDetailPage() {
  const t = useT();
  const label = useInspectionLabel();
  const me = useCurrentUser();
  const { id = "" } = useParams();
  const detail = useApi((signal) => inspectionsApi.get(id, signal), [id]);
  const d = detail.data?.id === id ? detail.data : undefined;
  const onTeam = !!d && (d.inspectors.some((i) => i.userId === me.id) || d.createdById === me.id || me.role === "admin");

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="inspection-title">{d ? `${d.enterpriseName} · ${label("kind", d.kind)}` : t("inspections.detail")}</span>
            {d && (
              <span data-testid="inspection-status">
                <InspectionStatusTag status={d.status} />
              </span>
            )}
            {d && <InspectionResultTag result={d.result} />}
          </Flex>
        }
        extra={
          <>
            <Link to="/inspections">
              <Button icon={<ArrowLeftOutlined />}>{t("inspections.backToList")}</Button>
            </Link>
            {d?.status === "in_progress" && onTeam && roleHas(me.role, "inspections.conduct") && (
              <Link to={`/inspections/${id}/field`}>
                <Button type="primary" icon={<EditOutlined />} id="inspection-to-field">
                  {t("inspections.toField")}
                </Button>
              </Link>
            )}
            {d?.status === "finished" && d.kind !== "self" && d.hazards.length > 0 && roleHas(me.role, "cases.manage") && (
              // Issue 8 §1: a case opens from a finished regulator inspection that found violations.
              <Link to={`/cases/new?inspection=${id}`}>
                <Button danger icon={<FileProtectOutlined />} id="inspection-open-case">
                  {t("cases.open")}
                </Button>
              </Link>
            )}
            {d?.status === "finished" && (
              <a href={inspectionsApi.reportUrl(id)} download data-testid="inspection-report-pdf">
                <Button type="primary" icon={<FilePdfOutlined />}>
                  {t("inspections.reportPdf")}
                </Button>
              </a>
            )}
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={detail.reload} />
            </Tooltip>
          </>
        }
      />
      <PageState loading={!d} error={detail.error} onRetry={detail.reload}>
        {d && (
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
                <Descriptions.Item label={t("inspections.enterprise")}>{d.enterpriseName}</Descriptions.Item>
                <Descriptions.Item label={t("inspections.kind")}>{label("kind", d.kind)}</Descriptions.Item>
                <Descriptions.Item label={t("inspections.checklist")}>
                  {d.checklist.name} v{d.checklist.version}
                </Descriptions.Item>
                <Descriptions.Item label={t("inspections.inspectors")}>
                  {d.inspectors.map((i) => (i.certNo ? `${i.name}（${i.certNo}）` : i.name)).join("、")}
                </Descriptions.Item>
                <Descriptions.Item label={t("inspections.startedAt")}>{formatDateTime(d.startedAt)}</Descriptions.Item>
                <Descriptions.Item label={t("inspections.finishedAt")}>{formatDateTime(d.finishedAt)}</Descriptions.Item>
                <Descriptions.Item label={t("inspections.gpsAtStart")}>
                  {d.startLatitude !== null && d.startLongitude !== null
                    ? t("inspections.gpsValue", { lat: d.startLatitude.toFixed(6), lon: d.startLongitude.toFixed(6) })
                    : t("common.none")}
                </Descriptions.Item>
                <Descriptions.Item label={t("inspections.progress")}>
                  {t("inspections.answeredOf", { answered: d.answeredCount, total: d.itemCount })}
                </Descriptions.Item>
                {d.correctsId && (
                  <Descriptions.Item label={t("inspections.corrects")}>
                    <Link to={`/inspections/${d.correctsId}`}>{t("inspections.openRecord")}</Link>
                  </Descriptions.Item>
                )}
                {d.summary && <Descriptions.Item label={t("inspections.summaryNote")}>{d.summary}</Descriptions.Item>}
              </Descriptions>
            </Card>
            {d.hazards.length > 0 && (
              <Card size="small" title={t("inspections.hazardsCreated", { n: d.hazards.length })} data-testid="inspection-hazards">
                <List
                  size="small"
                  dataSource={d.hazards}
                  renderItem={(h) => (
                    <List.Item>
                      <Flex gap={8} wrap align="center">
                        <HazardLevelTag level={h.level} />
                        <HazardStateTag state={h.state} />
                        <Link to={`/hazards/${h.id}`} data-testid="inspection-hazard-link">
                          {h.description}
                        </Link>
                        {h.criterionRef && <Typography.Text type="secondary">{h.criterionRef}</Typography.Text>}
                      </Flex>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card size="small" title={t("inspections.items")}>
              <List
                size="small"
                dataSource={rowsOf(d)}
                data-testid="inspection-items"
                renderItem={(r) => (
                  <List.Item key={r.key} data-testid={`record-item-${r.key}`} data-outcome={r.outcome ?? "none"}>
                    <Flex vertical gap={4} style={{ width: "100%" }}>
                      <Flex justify="space-between" align="start" gap={8}>
                        <Typography.Text>
                          {r.index}. {r.question}
                        </Typography.Text>
                        <OutcomeTag outcome={r.outcome} />
                      </Flex>
                      {r.clause && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("inspections.clause", { clause: r.clause })}
                        </Typography.Text>
                      )}
                      {r.response?.number !== null && r.response?.number !== undefined && (
                        <span>{`${r.response.number}${r.unit ? ` ${r.unit}` : ""}`}</span>
                      )}
                      {r.response?.text && <span>{r.response.text}</span>}
                      {r.response?.note && (
                        <Typography.Text type="secondary">{t("inspections.noteInline", { note: r.response.note })}</Typography.Text>
                      )}
                      {r.photos.length > 0 && (
                        <Image.PreviewGroup>
                          <Flex gap={4} wrap>
                            {r.photos.map((p, i) => (
                              <Image
                                key={p.id}
                                src={inspectionsApi.photoUrl(p.id)}
                                width={56}
                                height={56}
                                style={{ objectFit: "cover" }}
                                alt={t("inspections.photoAlt", { n: i + 1 })}
                              />
                            ))}
                          </Flex>
                        </Image.PreviewGroup>
                      )}
                      {r.hazard && <Link to={`/hazards/${r.hazard.id}`}>{t("inspections.hazardLink")}</Link>}
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
            {d.signatures.length > 0 && (
              <Card size="small" title={t("inspections.signatures")} data-testid="inspection-signatures">
                <Flex vertical gap={4}>
                  {d.signatures.map((s) => (
                    <Typography.Text key={s.id}>
                      {s.signer === "inspector" ? t("inspections.signerInspector") : t("inspections.signerEnterprise")}：{s.name} ·{" "}
                      {formatDateTime(s.signedAt)}
                    </Typography.Text>
                  ))}
                </Flex>
              </Card>
            )}
          </Flex>
        )}
      </PageState>
    </>
  );
}

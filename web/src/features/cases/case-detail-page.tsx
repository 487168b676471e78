import { ArrowLeftOutlined, DownOutlined, FilePdfOutlined, FileProtectOutlined, ReloadOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Dropdown, Flex, List, Table, Tag, Timeline, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import {
  type CaseEventType,
  type DocumentKind,
  documentEvents,
  isPartyEventType,
  type PartyEventType,
} from "../../../../domain/enforcement/case.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { CaseEventModal } from "./case-event-modal.js";
import { CasePhaseTag, formatFen, useCaseLabel, useEventWords } from "./case-labels.js";
import { type CaseDetail, type CaseDocumentView, casesApi } from "./cases-api.js";
import { DueText } from "./cases-page.js";

/** The document a new issue of `kind` would correct: the current one recording the same event, if any. */
function correctedBy(d: CaseDetail, kind: DocumentKind): CaseDocumentView | undefined {
  const needs: readonly CaseEventType[] = documentEvents[kind];
  const event = d.events.findLast((e) => needs.includes(e.type));
  return d.documents.find((x) => x.kind === kind && !x.supersededById && x.eventSeq === event?.seq);
}

function DocumentsCard({ d, issued }: { d: CaseDetail; issued: CaseDocumentView | null }) {
  const t = useT();
  const label = useCaseLabel();
  return (
    <Card size="small" title={t("cases.documents")} data-testid="case-documents">
      {issued && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("cases.issued", { title: issued.title, docNo: issued.docNo })}
          action={
            <a href={casesApi.documentUrl(issued.id)} download data-testid="case-issued-download">
              <Button size="small" icon={<FilePdfOutlined />}>
                {t("cases.issuedDownload", { title: issued.title })}
              </Button>
            </a>
          }
        />
      )}
      <Table<CaseDocumentView>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={d.documents}
        locale={{ emptyText: t("cases.documentsNone") }}
        onRow={(doc) => ({ "data-testid": `case-document-${doc.kind}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("cases.docTitle"),
            key: "title",
            render: (_: unknown, doc) => (
              <Flex gap={4} wrap align="center">
                <span title={label("doc", doc.kind)}>{doc.title}</span>
                {doc.supersededById && <Tag color="warning">{t("cases.superseded")}</Tag>}
                {doc.supersedesId && <Tag>{t("cases.correction")}</Tag>}
              </Flex>
            ),
          },
          { title: t("cases.docNo"), dataIndex: "docNo" },
          { title: t("cases.issuedAt"), dataIndex: "issuedAt", render: (at: string) => formatDateTime(at) },
          { title: t("cases.issuedBy"), dataIndex: "issuedByName" },
          {
            title: t("cases.sha256"),
            dataIndex: "sha256",
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h }} title={h}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
          {
            title: t("cases.download"),
            key: "download",
            render: (_: unknown, doc) => (
              <a href={casesApi.documentUrl(doc.id)} download data-testid="case-document-download">
                <FilePdfOutlined /> PDF
              </a>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * /cases/:id: the case — number, enterprise, department, officers with 执法证号, phase and version — its violations,
 * the timeline of events in words, the running clocks (overdue in red), 按日连续处罚 when eligible and the issued
 * documents. The department records the steps the case allows now (allowedNext) and issues the documents it allows
 * (documentsAllowed). The enterprise's administrator gets 当事人办理 instead: the party's own acts the case allows now
 * (the server answers only those to it); the enterprise never sees the internal notes (the server leaves them out).
 */
export function CaseDetailPage() {
  const t = useT();
  const label = useCaseLabel();
  const words = useEventWords();
  const { message, modal } = App.useApp();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  // An enterprise user is the party: the server offers it only its own acts (none to enterprise staff).
  const asParty = me.enterpriseId !== null;
  const detail = useApi((signal) => casesApi.get(id, signal), [id]);
  const [fresh, setFresh] = useState<CaseDetail>();
  const [recording, setRecording] = useState<CaseEventType>();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<CaseDocumentView | null>(null);
  // The answer of the last step is newer than the loaded copy until the next load.
  const loaded = detail.data?.id === id ? detail.data : undefined;
  const d = fresh && fresh.id === id && (!loaded || fresh.version >= loaded.version) ? fresh : loaded;
  const today = shanghaiDay(new Date());
  const steps = asParty ? [] : (d?.allowedNext ?? []).filter((x) => x !== "opened");
  const partyActs = asParty ? (d?.allowedNext ?? []).filter(isPartyEventType) : [];
  const reload = () => {
    setFresh(undefined);
    detail.reload();
  };

  const issue = async (kind: DocumentKind) => {
    if (!d) return;
    setIssuing(true);
    try {
      const previous = correctedBy(d, kind);
      const doc = await casesApi.issueDocument(d.id, { kind, ...(previous ? { supersedesId: previous.id } : {}) });
      setIssued(doc);
      message.success(t("cases.issued", { title: doc.title, docNo: doc.docNo }));
      reload();
    } catch (err) {
      modal.error({ title: label("doc", kind), content: toApiError(err).message });
    } finally {
      setIssuing(false);
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="case-title">{d ? `${d.caseNo} · ${d.enterpriseName}` : t("cases.detail")}</span>
            {d && (
              <span data-testid="case-phase">
                <CasePhaseTag phase={d.phase} />
              </span>
            )}
            {d?.orderUnmet && <Tag color="red">{t("cases.orderUnmet")}</Tag>}
          </Flex>
        }
        extra={
          <>
            <Link to="/cases">
              <Button icon={<ArrowLeftOutlined />}>{t("cases.backToList")}</Button>
            </Link>
            {d && steps.length > 0 && (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: steps.map((s) => ({ key: s, label: <span data-testid={`case-step-${s}`}>{label("event", s)}</span> })),
                  onClick: ({ key }) => setRecording(key as CaseEventType),
                }}
              >
                <Button type="primary" id="case-record">
                  {t("cases.record")} <DownOutlined />
                </Button>
              </Dropdown>
            )}
            {d && partyActs.length > 0 && (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: partyActs.map((s) => ({
                    key: s,
                    label: <span data-testid={`case-party-${s}`}>{t(`cases.partyAct.${s}` as MessageKey)}</span>,
                  })),
                  onClick: ({ key }) => setRecording(key as PartyEventType),
                }}
              >
                <Button type="primary" icon={<SendOutlined />} id="case-party">
                  {t("cases.partyActs")} <DownOutlined />
                </Button>
              </Dropdown>
            )}
            {d && d.documentsAllowed.length > 0 && (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: d.documentsAllowed.map((k) => {
                    const title = label("doc", k);
                    return {
                      key: k,
                      label: (
                        <span data-testid={`case-issue-${k}`}>{correctedBy(d, k) ? t("cases.issueCorrection", { title }) : title}</span>
                      ),
                    };
                  }),
                  onClick: ({ key }) => void issue(key as DocumentKind),
                }}
              >
                <Button icon={<FileProtectOutlined />} id="case-issue" loading={issuing}>
                  {t("cases.issue")} <DownOutlined />
                </Button>
              </Dropdown>
            )}
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={reload} />
            </Tooltip>
          </>
        }
      />
      <PageState loading={!d} error={detail.error} onRetry={reload}>
        {d && (
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
                <Descriptions.Item label={t("cases.caseNo")}>
                  <span data-testid="case-no">{d.caseNo}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("cases.enterprise")}>
                  <span data-testid="case-enterprise">{d.enterpriseName}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("cases.caseTitle")}>{d.title}</Descriptions.Item>
                <Descriptions.Item label={t("cases.department")}>{d.departmentName}</Descriptions.Item>
                <Descriptions.Item label={t("cases.officers")}>
                  <span data-testid="case-officers">
                    {d.officers.map((o) => (o.certNo ? t("cases.officerCert", { name: o.name, cert: o.certNo }) : o.name)).join("、")}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t("cases.phase")}>
                  <CasePhaseTag phase={d.phase} />
                </Descriptions.Item>
                <Descriptions.Item label={t("cases.source")}>{label("source", d.source)}</Descriptions.Item>
                {d.inspectionId && (
                  <Descriptions.Item label={t("cases.inspection")}>
                    <Link to={`/inspections/${d.inspectionId}`}>{t("cases.openInspection")}</Link>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("cases.openedOn")}>{d.events[0]?.on ?? shanghaiDay(new Date(d.createdAt))}</Descriptions.Item>
                <Descriptions.Item label={t("cases.version")}>{d.version}</Descriptions.Item>
                {d.illegalProduction && (
                  <Descriptions.Item label={t("cases.illegalProduction")}>
                    <Tooltip title={t("cases.illegalProductionHint")}>
                      <Tag color="red">{t("cases.illegalProduction")}</Tag>
                    </Tooltip>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {d.internalNote !== null && (
              <Alert type="info" showIcon data-testid="case-internal-note" title={t("cases.internalNote")} description={d.internalNote} />
            )}
            <Card size="small" title={t("cases.violations")} data-testid="case-violations">
              <List
                size="small"
                dataSource={d.violations}
                renderItem={(v) => (
                  <List.Item key={v.id}>
                    <Descriptions column={1} size="small" title={t("cases.violationN", { n: v.seq })}>
                      <Descriptions.Item label={t("cases.facts")}>{v.facts}</Descriptions.Item>
                      <Descriptions.Item label={t("cases.provisionViolated")}>{v.provisionViolated}</Descriptions.Item>
                      <Descriptions.Item label={t("cases.provisionApplied")}>{v.provisionApplied}</Descriptions.Item>
                      {v.proposedFen !== null && (
                        <Descriptions.Item label={t("cases.proposed")}>{formatFen(v.proposedFen)}</Descriptions.Item>
                      )}
                      {v.finalFen !== null && <Descriptions.Item label={t("cases.final")}>{formatFen(v.finalFen)}</Descriptions.Item>}
                      {v.hazardIds.length > 0 && (
                        <Descriptions.Item label={t("cases.hazards")}>
                          <Flex gap={8} wrap>
                            <span>{t("cases.linkedHazards", { n: v.hazardIds.length })}</span>
                            {v.hazardIds.map((h, n) => (
                              <Link key={h} to={`/hazards/${h}`}>
                                #{n + 1}
                              </Link>
                            ))}
                          </Flex>
                        </Descriptions.Item>
                      )}
                    </Descriptions>
                  </List.Item>
                )}
              />
            </Card>
            <Flex gap={16} wrap align="start">
              <Card size="small" title={t("cases.timeline")} style={{ flex: "2 1 420px" }} data-testid="case-timeline">
                <Timeline
                  items={d.events.map((e) => ({
                    key: e.seq,
                    color: e.type === "reinspected_not_rectified" ? "red" : e.type === "closed" ? "gray" : "blue",
                    content: (
                      <Flex vertical gap={2} data-testid={`case-event-${e.type}`}>
                        <Typography.Text strong>{label("event", e.type)}</Typography.Text>
                        <Typography.Text type="secondary">{t("cases.eventBy", { day: e.on, actor: e.actorName })}</Typography.Text>
                        {/* Who made a party's act: the party itself, or an officer on its behalf. */}
                        {(e.by === "party" || isPartyEventType(e.type)) && (
                          <span data-testid="case-event-by" data-by={e.by}>
                            <Tag color={e.by === "party" ? "green" : "default"}>
                              {e.by === "party" ? t("cases.byParty") : t("cases.byOfficer")}
                            </Tag>
                          </span>
                        )}
                        {words(e).map((w) => (
                          <span key={w}>{w}</span>
                        ))}
                        {e.note !== null && (
                          <Typography.Text type="secondary" italic data-testid="case-event-note">
                            {t("cases.eventNote", { note: e.note })}
                          </Typography.Text>
                        )}
                      </Flex>
                    ),
                  }))}
                />
              </Card>
              <Flex vertical gap={16} style={{ flex: "1 1 280px" }}>
                <Card size="small" title={t("cases.clocks")} data-testid="case-clocks">
                  {d.clocks.length === 0 ? (
                    <Typography.Text type="secondary">{t("cases.clocksNone")}</Typography.Text>
                  ) : (
                    <Flex vertical gap={4}>
                      {d.clocks.map((c) => (
                        <Flex key={`${c.clock}-${c.decision ?? ""}`} justify="space-between" gap={8} data-clock={c.clock}>
                          <span>{label("clock", c.clock)}</span>
                          <DueText due={c.due} today={today} />
                        </Flex>
                      ))}
                    </Flex>
                  )}
                </Card>
                {d.dailyFines.eligible && (
                  <Card size="small" title={t("cases.dailyFines")} data-testid="case-daily-fines">
                    <Flex vertical gap={4}>
                      <span>
                        {t("cases.dailyFinesPeriod", {
                          from: d.dailyFines.from ?? "—",
                          until: d.dailyFines.until ?? "—",
                          days: d.dailyFines.days,
                        })}
                      </span>
                      <span>{t("cases.dailyFinesPerDay", { amount: formatFen(d.dailyFines.perDayFen) })}</span>
                      <Typography.Text strong>{t("cases.dailyFinesTotal", { amount: formatFen(d.dailyFines.totalFen) })}</Typography.Text>
                      {d.dailyFines.running && <Typography.Text type="warning">{t("cases.dailyFinesRunning")}</Typography.Text>}
                    </Flex>
                  </Card>
                )}
              </Flex>
            </Flex>
            <DocumentsCard d={d} issued={issued} />
          </Flex>
        )}
      </PageState>
      {d && recording && (
        <CaseEventModal
          detail={d}
          type={recording}
          asParty={asParty}
          onClose={() => setRecording(undefined)}
          onStale={() => {
            setRecording(undefined);
            reload();
          }}
          onDone={(next) => {
            setRecording(undefined);
            setFresh(next);
          }}
        />
      )}
    </>
  );
}

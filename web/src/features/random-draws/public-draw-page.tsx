import { CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Card, Collapse, Descriptions, Flex, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { commitLists, runDraw } from "../../../../domain/inspections/draw.js";
import { drawInputOf } from "../../../../domain/inspections/random-draw.dto.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PublicFrame } from "../../components/public-frame.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { type PublicDrawResults, type PublicRandomDraw, randomDrawsApi } from "./random-draws-api.js";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", wordBreak: "break-all" as const };

type Verdict = { ok: true; ms: number } | { ok: false; message?: string };

/**
 * Re-runs `redline/draw/v1` in this browser from the published record alone (double-random.md R8.8): the list
 * digests always, and once drawn the seed, the objects, every team and the replacements.
 */
function verify(p: PublicRandomDraw): Verdict {
  const started = performance.now();
  if (!p.objects || !p.inspectors || !p.recusals) return { ok: false };
  const lists = commitLists({ objects: p.objects, inspectors: p.inspectors });
  if (lists.objectsDigest !== p.objectsDigest || lists.inspectorsDigest !== p.inspectorsDigest) return { ok: false };
  if (p.beaconValue && p.result) {
    const outcome = runDraw(
      drawInputOf({
        planCode: p.planCode,
        beaconValue: p.beaconValue,
        params: p.params,
        objects: p.objects,
        inspectors: p.inspectors,
        recusals: p.recusals,
        replacements: p.result.replacements,
      }),
    );
    const mine = JSON.stringify([outcome.seed, outcome.objects.map((o) => [o.uscc, o.team]), outcome.replacements]);
    const theirs = JSON.stringify([
      p.seed,
      p.result.objects.map((o) => [o.uscc, o.team.map((m) => m.certNo)]),
      p.result.replacements.map((r) => ({ uscc: r.uscc, out: r.out, in: r.in })),
    ]);
    if (mine !== theirs || outcome.seedText !== p.seedText) return { ok: false };
  }
  return { ok: true, ms: Math.round(performance.now() - started) };
}

/** /public/random-draws/:id — the published draw record for everyone, no sign-in, with a re-run in the browser. */
export function PublicDrawPage() {
  const t = useT();
  const { id = "" } = useParams();
  const record = useApi((signal) => randomDrawsApi.publicRecord(id, signal), [id]);
  // R7: the results are public once the record shows the draw's result.
  const shown = !!record.data?.result;
  const results = useApi((signal) => (shown ? randomDrawsApi.publicResults(id, signal) : Promise.resolve(null)), [id, shown]);
  const [verdict, setVerdict] = useState<Verdict>();
  const [running, setRunning] = useState(false);
  const p = record.data;

  const runVerify = () => {
    if (!p) return;
    setRunning(true);
    setVerdict(undefined);
    // Let the button show its state before a large list keeps the main thread busy.
    setTimeout(() => {
      try {
        setVerdict(verify(p));
      } catch (err) {
        setVerdict({ ok: false, message: err instanceof Error ? err.message : String(err) });
      }
      setRunning(false);
    }, 20);
  };

  return (
    <PublicFrame links={<Link to="/public/random-draws">{t("publicDraws.all")}</Link>} width={1100}>
      {record.error ? (
        <ErrorResult error={record.error} onRetry={record.reload} />
      ) : !p ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t("publicDraw.title")}
            </Typography.Title>
            <Typography.Text>
              {p.title} · {p.regionName ?? p.regionCode}
            </Typography.Text>
          </div>
          {!p.revealed && <Alert type="info" showIcon title={t("publicDraw.notRevealed")} />}
          {p.status === "prepared" && <Alert type="info" showIcon title={t("publicDraw.notExecuted")} />}

          <Card title={t("randomDraws.commitment")}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("publicDraw.algorithm")}>
                <Tag>{p.params.algorithm}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.planCode")}>
                <span style={mono}>{p.planCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.objectsDigest")}>
                <Typography.Text copyable style={mono}>
                  {p.objectsDigest}
                </Typography.Text>{" "}
                ({p.objectsCount})
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.inspectorsDigest")}>
                <Typography.Text copyable style={mono}>
                  {p.inspectorsDigest}
                </Typography.Text>{" "}
                ({p.inspectorsCount})
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.params")}>
                <Space wrap size={4}>
                  {Object.entries(p.params.strata).map(([stratum, k]) => (
                    <Tag key={stratum}>{t("randomDraws.k", { k })}</Tag>
                  ))}
                  <Tag>{t("randomDraws.teamSize", { n: p.params.teamSize })}</Tag>
                  {p.params.crossRegion && <Tag color="geekblue">{t("randomDraws.crossRegion")}</Tag>}
                  {p.params.rotationRounds > 0 && <Tag color="gold">{t("randomDraws.rotation", { n: p.params.rotationRounds })}</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.beacon")}>
                {p.beaconSource} · {p.beaconId}
              </Descriptions.Item>
              <Descriptions.Item label={t("randomDraws.preparedAt")}>{formatDateTime(p.preparedAt)}</Descriptions.Item>
              {p.beaconValue !== null && (
                <Descriptions.Item label={t("randomDraws.beaconValue")}>
                  <span style={mono}>{p.beaconValue}</span>
                </Descriptions.Item>
              )}
              {p.seedText !== null && (
                <Descriptions.Item label={t("randomDraws.seedText")}>
                  <pre style={{ ...mono, margin: 0, whiteSpace: "pre-wrap", fontSize: 12 }}>{p.seedText}</pre>
                </Descriptions.Item>
              )}
              {p.seed !== null && (
                <Descriptions.Item label={t("randomDraws.seed")}>
                  <span style={mono}>{p.seed}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          {p.revealed && (
            <Flex vertical gap={8}>
              <Space wrap>
                <Button type="primary" onClick={runVerify} loading={running} data-testid="verify-draw">
                  {running ? t("publicDraw.verifying") : t("publicDraw.verify")}
                </Button>
              </Space>
              {verdict?.ok === true && (
                <Alert
                  type="success"
                  showIcon
                  icon={<CheckCircleFilled />}
                  data-testid="draw-verified"
                  title={t("publicDraw.verified", { ms: verdict.ms })}
                />
              )}
              {verdict?.ok === false && (
                <Alert
                  type="error"
                  showIcon
                  title={verdict.message ? t("publicDraw.verifyFailed", { message: verdict.message }) : t("publicDraw.mismatch")}
                />
              )}
            </Flex>
          )}

          {p.result && (
            <Card title={t("randomDraws.result")}>
              <Table
                size="small"
                rowKey="uscc"
                pagination={p.result.objects.length > 50 ? { pageSize: 50 } : false}
                scroll={{ x: "max-content" }}
                dataSource={p.result.objects.map((o, i) => ({ ...o, order: i + 1 }))}
                columns={[
                  { title: t("publicDraw.order"), dataIndex: "order", width: 70 },
                  { title: t("publicDraw.name"), dataIndex: "name" },
                  { title: t("publicDraw.uscc"), dataIndex: "uscc", render: (u: string) => <span style={mono}>{u}</span> },
                  {
                    title: t("randomDraws.team"),
                    key: "team",
                    render: (_, o) => (
                      <Space wrap size={4}>
                        {o.team.map((m) => (
                          <Tag key={m.certNo}>
                            {m.name} <span style={mono}>{m.certNo}</span>
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
              {p.result.replacements.length > 0 && (
                <>
                  <Typography.Title level={5}>{t("randomDraws.replacements")}</Typography.Title>
                  {p.result.replacements.map((r) => (
                    <div key={`${r.uscc}-${r.out}`} style={mono}>
                      {t("randomDraws.replacement", { uscc: r.uscc, out: r.out, in: r.in })}
                    </div>
                  ))}
                </>
              )}
            </Card>
          )}

          {p.result && (
            <Card title={t("publicDraw.results")} data-testid="draw-results">
              <Typography.Paragraph type="secondary">
                {t("publicDraw.resultsIntro", { days: results.data?.publishWithinWorkingDays ?? 20 })}
              </Typography.Paragraph>
              {results.error ? (
                <ErrorResult error={results.error} onRetry={results.reload} />
              ) : (
                <Table
                  size="small"
                  rowKey={(r) => `${r.uscc}|${r.inspectedOn}|${r.result}`}
                  loading={results.loading}
                  locale={{ emptyText: t("publicDraw.resultsEmpty") }}
                  pagination={(results.data?.results.length ?? 0) > 50 ? { pageSize: 50 } : false}
                  scroll={{ x: "max-content" }}
                  dataSource={results.data?.results ?? []}
                  columns={[
                    { title: t("publicDraw.name"), dataIndex: "name" },
                    { title: t("publicDraw.uscc"), dataIndex: "uscc", render: (u: string) => <span style={mono}>{u}</span> },
                    { title: t("publicDraw.inspectedOn"), dataIndex: "inspectedOn" },
                    {
                      title: t("publicDraw.result"),
                      dataIndex: "result",
                      render: (r: PublicDrawResults["results"][number]["result"]) => (
                        <Tag color={r === "no_problem" ? "green" : "orange"}>{t(`publicDraw.result.${r}`)}</Tag>
                      ),
                    },
                    { title: t("publicDraw.publishBy"), dataIndex: "publishBy" },
                  ]}
                />
              )}
            </Card>
          )}

          {p.objects && p.inspectors && (
            <Collapse
              items={[
                {
                  key: "objects",
                  label: t("publicDraw.objectsList", { count: p.objects.length }),
                  children: (
                    <Table
                      size="small"
                      rowKey="uscc"
                      pagination={{ pageSize: 50, showSizeChanger: false }}
                      dataSource={p.objects}
                      columns={[
                        { title: t("publicDraw.uscc"), dataIndex: "uscc", render: (u: string) => <span style={mono}>{u}</span> },
                        { title: t("publicDraw.name"), dataIndex: "name" },
                        { title: t("publicDraw.stratum"), dataIndex: "stratum" },
                        ...(p.params.crossRegion ? [{ title: t("publicDraw.county"), dataIndex: "county" }] : []),
                      ]}
                    />
                  ),
                },
                {
                  key: "inspectors",
                  label: t("publicDraw.inspectorsList", { count: p.inspectors.length }),
                  children: (
                    <Table
                      size="small"
                      rowKey="certNo"
                      pagination={{ pageSize: 50, showSizeChanger: false }}
                      dataSource={p.inspectors}
                      columns={[
                        { title: t("publicDraw.certNo"), dataIndex: "certNo", render: (c: string) => <span style={mono}>{c}</span> },
                        { title: t("publicDraw.name"), dataIndex: "name" },
                        ...(p.params.crossRegion ? [{ title: t("publicDraw.county"), dataIndex: "county" }] : []),
                      ]}
                    />
                  ),
                },
                {
                  key: "recusals",
                  label: `${t("randomDraws.recusals")} (${p.recusals?.length ?? 0})`,
                  children: (
                    <Space wrap size={4}>
                      {(p.recusals ?? []).map((r) => (
                        <Tag key={`${r.certNo}|${r.uscc}`} style={mono}>
                          {r.certNo} × {r.uscc}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </PublicFrame>
  );
}

import { GlobalOutlined, ThunderboltOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type RandomDraw, randomDrawsApi } from "./random-draws-api.js";
import { DrawStatusTag } from "./random-draws-page.js";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", wordBreak: "break-all" as const };

/** /random-draws/:id — the commitment, the draw (beacon value in, once) and the result with post-draw recusals (R8.7). */
export function RandomDrawPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const draw = useApi((signal) => randomDrawsApi.get(id, signal), [id]);
  const mayManage = roleHas(me.role, "random_draws.manage");

  if (draw.error) return <ErrorResult error={draw.error} onRetry={draw.reload} />;
  const d = draw.data;
  if (!d) return <Skeleton active />;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span>{d.title}</span>
            <DrawStatusTag status={d.status} />
            {d.unannounced && <Tag color="purple">{t("randomDraws.unannounced")}</Tag>}
          </Space>
        }
        extra={
          <Link to={`/public/random-draws/${d.id}`} target="_blank">
            <Button icon={<GlobalOutlined />}>{t("randomDraws.publicRecord")}</Button>
          </Link>
        }
      />
      <Card title={t("randomDraws.commitment")} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("randomDraws.planCode")}>
            <Typography.Text copyable style={mono}>
              {d.planCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.region")}>{d.regionName ?? d.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.objects")}>{d.objectsCount}</Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.inspectors")}>{d.inspectorsCount}</Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.objectsDigest")} span={2}>
            <Typography.Text copyable style={mono} data-testid="objects-digest">
              {d.objectsDigest}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.inspectorsDigest")} span={2}>
            <Typography.Text copyable style={mono}>
              {d.inspectorsDigest}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.params")} span={2}>
            <ParamsLine draw={d} />
          </Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.beacon")}>{d.beaconSource}</Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.beaconId")}>{d.beaconId}</Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.recusals")} span={2}>
            {d.recusals.length === 0
              ? t("common.none")
              : d.recusals.map((r) => (
                  <Tag key={`${r.certNo}|${r.uscc}`} color={r.ground === "rotation" ? "gold" : undefined} style={mono}>
                    {r.certNo} × {r.uscc} · {t(`randomDraws.ground.${r.ground}`)}
                  </Tag>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("randomDraws.preparedAt")}>{formatDateTime(d.preparedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      {d.status === "prepared" ? (
        mayManage && <ExecuteCard draw={d} onDone={draw.reload} />
      ) : (
        <ResultCard draw={d} mayManage={mayManage} onChanged={draw.reload} />
      )}
    </>
  );
}

function ParamsLine({ draw }: { draw: RandomDraw }) {
  const t = useT();
  const p = draw.params;
  return (
    <Space wrap size={4}>
      <Tag>{p.algorithm}</Tag>
      {Object.entries(p.strata).map(([stratum, k]) => (
        <Tag key={stratum}>{t("randomDraws.k", { k })}</Tag>
      ))}
      {p.sampleRate !== null && <Tag>{t("randomDraws.rate", { rate: Math.round(p.sampleRate * 10000) / 100 })}</Tag>}
      <Tag>{t("randomDraws.teamSize", { n: p.teamSize })}</Tag>
      {p.crossRegion && <Tag color="geekblue">{t("randomDraws.crossRegion")}</Tag>}
      {p.rotationRounds > 0 && <Tag color="gold">{t("randomDraws.rotation", { n: p.rotationRounds })}</Tag>}
    </Space>
  );
}

function ExecuteCard({ draw, onDone }: { draw: RandomDraw; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ beaconValue: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: { beaconValue: string }) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await randomDrawsApi.execute(draw.id, { version: draw.version, beaconValue: v.beaconValue.trim() });
      message.success(t("randomDraws.executed"));
      onDone();
    } catch (err) {
      const e = toApiError(err);
      setSubmitting(false);
      if (!applyFieldErrors(form, e, ["beaconValue"])) setError(e);
    }
  };

  return (
    <Card title={t("randomDraws.executeTitle")}>
      <Alert
        type="warning"
        showIcon
        title={t("randomDraws.executeWarn", { source: draw.beaconSource, id: draw.beaconId })}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} name="randomDrawExecute" layout="vertical" onFinish={onFinish} disabled={submitting}>
        <Form.Item name="beaconValue" label={t("randomDraws.beaconValue")} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={500} style={mono} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ThunderboltOutlined />} loading={submitting}>
          {t("randomDraws.execute")}
        </Button>
      </Form>
    </Card>
  );
}

function ResultCard({ draw, mayManage, onChanged }: { draw: RandomDraw; mayManage: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const recuse = async (uscc: string, certNo: string) => {
    try {
      const after = await randomDrawsApi.recuse(draw.id, { version: draw.version, uscc, certNo });
      const last = after.replacements[after.replacements.length - 1];
      const name = after.objects.find((o) => o.uscc === uscc)?.team.find((m) => m.certNo === last?.in)?.name ?? last?.in ?? "";
      message.success(t("randomDraws.recused", { name }));
      onChanged();
    } catch (err) {
      message.error(toApiError(err).message);
      onChanged();
    }
  };
  return (
    <Card title={t("randomDraws.result")}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("randomDraws.beaconValue")}>
          <Typography.Text style={mono}>{draw.beaconValue}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("randomDraws.seed")}>
          <Typography.Text copyable style={mono} data-testid="draw-seed">
            {draw.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("randomDraws.executedAt")}>{formatDateTime(draw.executedAt)}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="uscc"
        pagination={draw.objects.length > 50 ? { pageSize: 50 } : false}
        dataSource={draw.objects.map((o, i) => ({ ...o, order: i + 1 }))}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("publicDraw.order"), dataIndex: "order", width: 70 },
          {
            title: t("publicDraw.name"),
            dataIndex: "name",
            render: (name: string, o) => (
              <Flex vertical>
                <span>{name}</span>
                <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
                  {o.uscc}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t("randomDraws.team"),
            key: "team",
            render: (_, o) => (
              <Space wrap data-testid="draw-team">
                {o.team.map((m) => (
                  <Tag key={m.certNo}>
                    {m.name} <span style={mono}>{m.certNo}</span>
                    {mayManage && (
                      <Popconfirm
                        title={t("randomDraws.recuseConfirm", { name: m.name, certNo: m.certNo })}
                        onConfirm={() => recuse(o.uscc, m.certNo)}
                      >
                        <Button type="link" size="small">
                          {t("randomDraws.recuse")}
                        </Button>
                      </Popconfirm>
                    )}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
        locale={{ emptyText: <Empty /> }}
      />
      {draw.replacements.length > 0 && (
        <List
          size="small"
          header={t("randomDraws.replacements")}
          dataSource={draw.replacements}
          renderItem={(r) => <List.Item style={mono}>{t("randomDraws.replacement", { uscc: r.uscc, out: r.out, in: r.in })}</List.Item>}
        />
      )}
    </Card>
  );
}

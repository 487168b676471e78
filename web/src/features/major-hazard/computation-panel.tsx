import { Alert, Descriptions, Flex, Spin, Table, Tag, Typography } from "antd";
import type { ApiError } from "../../api/client.js";
import { useT } from "../../i18n/i18n-context.js";
import type { UnitResult } from "./major-hazard-api.js";
import { MajorHazardTag } from "./major-hazard-level.js";

type Contribution = UnitResult["contributions"][number];

const fmt = (n: number, digits = 4) => (Number.isInteger(n) ? String(n) : n.toFixed(digits).replace(/0+$/, "").replace(/\.$/, ""));

/**
 * The working of a GB 18218-2018 identification (issue 5 §7): S = Σ qᵢ/Qᵢ (major when ≥ 1), and for a major
 * source R = α·Σ βᵢ·qᵢ/Qᵢ and its grade, with each substance's q, Q, β and q/Q.
 */
export function ComputationPanel({
  result,
  loading,
  error,
  hint,
}: {
  result?: UnitResult;
  loading?: boolean;
  error?: ApiError;
  hint?: string;
}) {
  const t = useT();
  if (!result) {
    return (
      <Flex vertical gap={8} data-testid="mh-computation">
        {loading ? <Spin /> : <Typography.Text type="secondary">{hint ?? t("mh.computeHint")}</Typography.Text>}
        {error && <Alert type="warning" showIcon title={error.message} />}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12} data-testid="mh-computation" aria-busy={loading}>
      {error && <Alert type="warning" showIcon title={error.message} />}
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered>
        <Descriptions.Item label={t("mh.S")}>
          <span data-testid="mh-S">{fmt(result.S)}</span>
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
            ({result.exact.S})
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("mh.isMajor")}>
          <span data-testid="mh-is-major">{result.isMajor ? t("mh.majorYes") : t("mh.majorNo")}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("mh.grade")}>
          <MajorHazardTag isMajor={result.isMajor} level={result.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t("mh.alpha")}>
          <span data-testid="mh-alpha">{fmt(result.alpha)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("mh.R")}>
          <span data-testid="mh-R">{result.R === null ? t("mh.rNotNeeded") : fmt(result.R, 2)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("mh.betaRule")}>{t(`mh.betaRule.${result.betaRule}`)}</Descriptions.Item>
      </Descriptions>
      {result.qra.required && (
        <Alert
          type="warning"
          showIcon
          title={t("mh.qraRequired", {
            reasons: result.qra.reasons.map((r) => t(`mh.qra.${r}`)).join(t("mh.listSeparator")),
          })}
        />
      )}
      <Table<Contribution & { key: number }>
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={result.contributions.map((c, i) => ({ ...c, key: i }))}
        data-testid="mh-working"
        columns={[
          { title: t("mh.substance"), dataIndex: "substance", render: (s: string, c) => (c.cas ? `${s}（${c.cas}）` : s) },
          {
            title: t("mh.Qsource"),
            key: "source",
            render: (_: unknown, c) =>
              c.source === "table1" ? t("mh.fromTable1", { row: c.row ?? "" }) : t("mh.fromTable2", { symbol: c.symbol ?? "" }),
          },
          { title: t("mh.q"), dataIndex: "q", align: "right", render: (v: number) => fmt(v) },
          { title: t("mh.Q"), dataIndex: "Q", align: "right", render: (v: number) => fmt(v) },
          { title: "q/Q", dataIndex: "qOverQ", align: "right", render: (v: number) => fmt(v) },
          {
            title: "β",
            key: "beta",
            align: "right",
            render: (_: unknown, c) =>
              c.beta === null ? (
                "—"
              ) : (
                <>
                  {fmt(c.beta)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
                    {c.betaSource === "table3" ? t("mh.betaTable3") : t("mh.betaTable4", { key: c.betaKey ?? "" })}
                  </Typography.Text>
                </>
              ),
          },
          {
            title: "β·q/Q",
            key: "weighted",
            align: "right",
            render: (_: unknown, c) => (c.beta === null ? "—" : fmt(c.beta * c.qOverQ)),
          },
          {
            title: "",
            key: "flags",
            render: (_: unknown, c) => (
              <>
                {c.toxicGas && <Tag color="purple">{t("mh.toxicGas")}</Tag>}
                {c.explosiveOrLiquefiedFlammableGas && <Tag color="volcano">{t("mh.explosiveGas")}</Tag>}
              </>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              {t("mh.sum")}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {fmt(result.S)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
            <Table.Summary.Cell index={6} align="right">
              {fmt(result.contributions.reduce((n, c) => n + (c.beta ?? 0) * c.qOverQ, 0))}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} />
          </Table.Summary.Row>
        )}
      />
    </Flex>
  );
}

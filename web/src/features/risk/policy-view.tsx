import { Alert, Button, Descriptions, Drawer, Empty, Flex, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { type RiskLevel, riskLevelLabels } from "../../../../domain/risk/levels.js";
import { type Band, bandOfScore, type Factor, type RiskPolicy } from "../../../../domain/risk/policy.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { type PolicyEntry, riskApi } from "./risk-api.js";
import { useLabel } from "./risk-labels.js";

/** The score's formula as the policy writes it (L×E×C, L×S). */
export const scoreSymbol = (policy: Pick<RiskPolicy, "factors">) => policy.factors.map((f) => f.key).join("×");

/**
 * Each band's score range as the policy's boundary convention (R4) grades it. Whether a threshold
 * belongs to the band above or below is read from the domain rule itself (`bandOfScore` of the
 * threshold), so the page can never explain a convention differently from how scores are graded.
 */
export function bandRanges(policy: Extract<RiskPolicy, { kind: "product" }>): string[] {
  const s = scoreSymbol(policy);
  const last = policy.bands.length - 1;
  return policy.bands.map((band, i) => {
    const lower = i < last ? (band.min as number) : undefined;
    const upper = i > 0 ? (policy.bands[i - 1]?.min as number) : undefined;
    const lowerIn = lower !== undefined && bandOfScore(policy, lower).key === band.key;
    const upperIn = upper !== undefined && bandOfScore(policy, upper).key === band.key;
    if (lower === undefined) return `${s} ${upperIn ? "≤" : "<"} ${upper}`;
    if (upper === undefined) return `${s} ${lowerIn ? "≥" : ">"} ${lower}`;
    return `${lower} ${lowerIn ? "≤" : "<"} ${s} ${upperIn ? "≤" : "<"} ${upper}`;
  });
}

/** A level's tag in the policy's own shade of its colour (R2). */
export function PolicyLevelTag({ policy, level }: { policy: Pick<RiskPolicy, "colours">; level: RiskLevel | undefined }) {
  const label = useLabel();
  if (!level) return <Tag>—</Tag>;
  return (
    <Tag color={policy.colours[level]} style={level === "general" ? { color: "#262626" } : undefined} data-level={level}>
      {label(riskLevelLabels[level])}
    </Tag>
  );
}

/** The factor tables of a policy: one small table per factor (value, description). */
export function FactorTables({ factors }: { factors: Factor[] }) {
  const t = useT();
  const label = useLabel();
  return (
    <Flex vertical gap={12}>
      {factors.map((f) => (
        <Table
          key={f.key}
          size="small"
          pagination={false}
          rowKey={(v) => String(v.value)}
          title={() => <Typography.Text strong>{`${f.key} · ${label(f.name)}`}</Typography.Text>}
          dataSource={f.values}
          data-testid={`policy-factor-${f.key}`}
          columns={[
            { title: t("risk.policyValue"), dataIndex: "value", width: 100 },
            { title: t("risk.policyValueDescription"), key: "d", render: (_: unknown, v) => label(v.description) },
          ]}
        />
      ))}
    </Flex>
  );
}

/** The bands with their score ranges (product) and the level and colour each maps to (R4, R5). */
export function BandTable({ policy }: { policy: RiskPolicy }) {
  const t = useT();
  const label = useLabel();
  const ranges = policy.kind === "product" ? bandRanges(policy) : undefined;
  return (
    <Table<Band>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={policy.bands}
      data-testid="policy-bands"
      columns={[
        { title: t("risk.policyBandKey"), dataIndex: "key" },
        { title: t("risk.policyBandName"), key: "name", render: (_: unknown, b) => label(b.name) },
        ...(ranges ? [{ title: t("risk.policyBandRange"), key: "range", render: (_: unknown, _b: Band, i: number) => ranges[i] }] : []),
        {
          title: t("risk.policyBandLevel"),
          key: "level",
          render: (_: unknown, b) => <PolicyLevelTag policy={policy} level={policy.levelMapping.levels[b.key]} />,
        },
      ]}
    />
  );
}

/** A matrix policy's grid: rows are the first factor's values, columns the second's; each cell in its level's colour. */
function MatrixGrid({ policy }: { policy: Extract<RiskPolicy, { kind: "matrix" }> }) {
  const label = useLabel();
  const [rows, cols] = policy.factors as [Factor, Factor];
  const bandName = (key: string) => policy.bands.find((b) => b.key === key)?.name;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(r) => String(r.value)}
      dataSource={rows.values.map((v, i) => ({ value: v.value, i }))}
      scroll={{ x: "max-content" }}
      columns={[
        { title: `${rows.key} \\ ${cols.key}`, dataIndex: "value" },
        ...cols.values.map((c, j) => ({
          title: String(c.value),
          key: String(c.value),
          render: (_: unknown, r: { i: number }) => {
            const key = policy.cells[r.i]?.[j] ?? "";
            const level = policy.levelMapping.levels[key];
            const name = bandName(key);
            return (
              <span title={name ? label(name) : key} style={{ display: "inline-block", minWidth: 48 }}>
                <PolicyLevelTag policy={policy} level={level} />
              </span>
            );
          },
        })),
      ]}
    />
  );
}

/** What the convention does with a score equal to a threshold (R4), in words. */
export function ConventionNote({ policy }: { policy: RiskPolicy }) {
  const t = useT();
  if (policy.kind !== "product") return <Typography.Paragraph type="secondary">{t("risk.policyMatrixNote")}</Typography.Paragraph>;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="policy-convention"
      title={t(`risk.convention.${policy.convention}`)}
      description={t(`risk.conventionHelp.${policy.convention}`)}
    />
  );
}

/** Everything a policy says: method, source, convention, factor tables and bands. */
export function PolicyDocument({ policy }: { policy: RiskPolicy }) {
  const t = useT();
  const label = useLabel();
  return (
    <Flex vertical gap={16}>
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("risk.policyName")}>{label(policy.name)}</Descriptions.Item>
        <Descriptions.Item label={t("risk.policyId")}>
          <Typography.Text code>{`${policy.id} v${policy.version}`}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("risk.policyMethod")}>
          {`${policy.method} · ${t(`risk.policyKind.${policy.kind}`)}${policy.kind === "product" ? ` (${scoreSymbol(policy)})` : ""}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("risk.policyEffectiveFrom")}>{policy.effectiveFrom}</Descriptions.Item>
        <Descriptions.Item label={t("risk.policySourceLabel")}>{policy.source}</Descriptions.Item>
        <Descriptions.Item label={t("risk.directJudgment")}>
          {policy.directJudgment ? t("risk.policyDirectOn") : t("risk.policyDirectOff")}
        </Descriptions.Item>
      </Descriptions>
      <ConventionNote policy={policy} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("risk.policyBands")}
      </Typography.Title>
      <BandTable policy={policy} />
      {policy.kind === "matrix" && <MatrixGrid policy={policy} />}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("risk.policyFactors")}
      </Typography.Title>
      <FactorTables factors={policy.factors} />
    </Flex>
  );
}

type PolicyDrawerProps = {
  policyId: string | undefined;
  onClose: () => void;
  /** Whether the caller may base a new policy on it, and add versions of it. */
  canCopy: boolean;
  canVersion: (entry: PolicyEntry) => boolean;
};

/** The drawer of one policy: every version (latest first chosen), the document of the chosen one. */
export function PolicyDrawer({ policyId, onClose, canCopy, canVersion }: PolicyDrawerProps) {
  const t = useT();
  const label = useLabel();
  const versions = useApi((signal) => (policyId ? riskApi.policyVersions(policyId, signal) : Promise.resolve({ items: [] })), [policyId]);
  const [chosen, setChosen] = useState<number>();
  const items = versions.data?.items.filter((e) => e.policy.id === policyId) ?? [];
  const latest = items.at(-1);
  const entry = items.find((e) => e.policy.version === chosen) ?? latest;
  const close = () => {
    setChosen(undefined);
    onClose();
  };
  return (
    <Drawer
      open={!!policyId}
      onClose={close}
      size="large"
      title={entry ? label(entry.policy.name) : t("risk.policyDetail")}
      data-testid="policy-drawer"
      extra={
        latest && (
          <Flex gap={8}>
            {canCopy && (
              <Link to={`/risk/policies/new?from=${encodeURIComponent(latest.policy.id)}&version=${entry?.policy.version ?? ""}`}>
                <Button id="policy-drawer-copy">{t("risk.policyCopy")}</Button>
              </Link>
            )}
            {canVersion(latest) && (
              <Link to={`/risk/policies/${encodeURIComponent(latest.policy.id)}/new-version`}>
                <Button id="policy-drawer-version" type="primary">
                  {t("risk.policyNewVersion")}
                </Button>
              </Link>
            )}
          </Flex>
        )
      }
    >
      {versions.error ? (
        <ErrorResult error={versions.error} onRetry={versions.reload} />
      ) : !entry ? (
        versions.loading ? null : (
          <Empty />
        )
      ) : (
        <Flex vertical gap={16}>
          {items.length > 1 && (
            <Flex gap={8} align="center">
              <Typography.Text>{t("risk.policyVersionPick")}</Typography.Text>
              <Select
                id="policy-version-pick"
                style={{ width: 220 }}
                value={entry.policy.version}
                onChange={setChosen}
                options={[...items].reverse().map((e) => ({
                  value: e.policy.version,
                  label: `v${e.policy.version} · ${e.policy.effectiveFrom}`,
                }))}
              />
            </Flex>
          )}
          {items.length > 1 && <Typography.Text type="secondary">{t("risk.policyVersionsKept")}</Typography.Text>}
          <PolicyDocument policy={entry.policy} />
        </Flex>
      )}
    </Drawer>
  );
}

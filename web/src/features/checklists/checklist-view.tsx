import { CameraOutlined } from "@ant-design/icons";
import { Card, Flex, Table, Typography } from "antd";
import type { ChecklistContent, ChecklistItem } from "../../../../domain/inspections/checklist.js";
import { useT } from "../../i18n/i18n-context.js";
import { clauseText, FailTag } from "./checklist-labels.js";

/** The range a number item passes in: "≥ 4 m", "≤ 25 %LEL", "1–3 MPa". */
export function limitsText(it: Pick<ChecklistItem, "min" | "max" | "unit">): string {
  const unit = it.unit ? ` ${it.unit}` : "";
  if (it.min !== null && it.max !== null) return `${it.min}–${it.max}${unit}`;
  if (it.min !== null) return `≥ ${it.min}${unit}`;
  if (it.max !== null) return `≤ ${it.max}${unit}`;
  return "—";
}

/** A template's content read-only: each section's items with how they are answered, the clause they cite and what a fail means. */
export function ChecklistView({ content }: { content: ChecklistContent }) {
  const t = useT();
  return (
    <Flex vertical gap={16} data-testid="checklist-content">
      {content.sections.map((s, si) => (
        <Card key={s.id} size="small" title={`${si + 1}. ${s.title}`} data-testid={`section-${s.id}`}>
          <Table<ChecklistItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={s.items}
            scroll={{ x: "max-content" }}
            columns={[
              { title: "#", key: "n", width: 48, render: (_: unknown, _it, ii) => `${si + 1}.${ii + 1}` },
              {
                title: t("checklists.question"),
                key: "question",
                render: (_: unknown, it) => (
                  <Flex vertical style={{ minWidth: 220, maxWidth: 560, whiteSpace: "normal" }}>
                    <Typography.Text data-testid={`item-${it.id}`}>{it.question}</Typography.Text>
                    {it.criterionId && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("checklists.criterion")}: {it.criterionId}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t("checklists.type"),
                key: "type",
                render: (_: unknown, it) => (
                  <Flex gap={4} align="center">
                    {t(`checklists.type.${it.type}`)}
                    {it.type === "number" && <Typography.Text type="secondary">{limitsText(it)}</Typography.Text>}
                    {it.photoOnFail && <CameraOutlined title={t("checklists.photoOnFail")} />}
                  </Flex>
                ),
              },
              {
                title: t("checklists.clause"),
                key: "clause",
                render: (_: unknown, it) => (
                  <Typography.Text style={{ minWidth: 160, maxWidth: 280, display: "inline-block", whiteSpace: "normal" }}>
                    {clauseText(it.clause)}
                  </Typography.Text>
                ),
              },
              { title: t("checklists.onFail"), key: "onFail", render: (_: unknown, it) => <FailTag onFail={it.onFail} /> },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}

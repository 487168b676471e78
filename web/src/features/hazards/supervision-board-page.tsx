import { Select, Typography } from "antd";
import { Link } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import type { HazardState } from "../../../../domain/hazards/hazard.js";
import { type SupervisionLevel, type SupervisionStatus, supervisionLevels } from "../../../../domain/hazards/supervision.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { HazardStateTag } from "./hazard-labels.js";
import { type SupervisionBoardFilters, type SupervisionBoardItem, supervisionApi } from "./supervision-api.js";
import { SupervisionCountdown, SupervisionLevelTag } from "./supervision-card.js";

/** /hazards/supervision: the 挂牌督办 board of the caller's area — active listings, soonest deadline first, with countdowns. */
export function SupervisionBoardPage() {
  const t = useT();
  const paged = usePagedList<SupervisionBoardFilters, SupervisionBoardItem>((q, signal) => supervisionApi.board(q, signal), {});
  const today = shanghaiDay(new Date());
  return (
    <>
      <PageHeader title={t("supervision.boardTitle")} />
      <Typography.Paragraph type="secondary">{t("supervision.boardHint")}</Typography.Paragraph>
      <Select<SupervisionLevel>
        allowClear
        placeholder={t("supervision.allLevels")}
        style={{ width: 160, marginBottom: 16 }}
        id="supervision-level-filter"
        value={paged.filters.level}
        onChange={(level) => paged.applyFilters({ level })}
        options={supervisionLevels.map((l) => ({ value: l, label: t(`supervision.level.${l}` as MessageKey) }))}
      />
      <PagedTable<SupervisionBoardFilters, SupervisionBoardItem>
        paged={paged}
        rowKey="id"
        emptyText={t("supervision.empty")}
        data-testid="supervision-board"
        columns={[
          {
            title: t("supervision.deadline"),
            key: "deadline",
            render: (_: unknown, r) => (
              <span>
                {r.deadline} <SupervisionCountdown deadline={r.deadline} today={today} />
              </span>
            ),
          },
          {
            title: t("supervision.hazard"),
            dataIndex: "description",
            render: (d: string, r) => (
              <Link to={`/hazards/${r.hazardId}`} style={{ display: "inline-block", maxWidth: 320 }}>
                {d}
              </Link>
            ),
          },
          { title: t("supervision.enterprise"), dataIndex: "enterpriseName" },
          { title: t("supervision.level"), dataIndex: "level", render: (l: SupervisionLevel) => <SupervisionLevelTag level={l} /> },
          { title: t("supervision.unitName"), dataIndex: "unitName" },
          {
            title: t("supervision.status"),
            dataIndex: "status",
            render: (s: SupervisionStatus) => t(`supervision.status.${s}` as MessageKey),
          },
          { title: t("supervision.hazardState"), dataIndex: "hazardState", render: (s: HazardState) => <HazardStateTag state={s} /> },
        ]}
      />
    </>
  );
}

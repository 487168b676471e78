import { Card, Flex, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { daysBetween, shanghaiDay } from "../../../../domain/common/calendar.js";
import { caseClockLabels } from "../../../../domain/enforcement/escalation.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useLang } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type CaseBoardMessageKey, caseBoardMessages } from "./case-board.messages.js";
import { type CaseBoardClock, type CaseBoardItem, caseBoardApi } from "./case-board-api.js";

/** "Due soon" on the card: a week ahead, so a statutory step of 5–7 working days shows before it runs out. */
const dueSoonDays = 7;

function useBoardT() {
  const [lang] = useLang();
  return useCallback(
    (key: CaseBoardMessageKey, params: Record<string, string | number> = {}) =>
      caseBoardMessages[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name]))),
    [lang],
  );
}

type CardProps = { regionCode?: string; pageSize?: number };

/**
 * 执法环节超期 (issue 8 §3): the case steps of the caller's scope that are overdue or due within a week, earliest
 * first (an inspector's own cases first), with the escalation rungs already notified; each links to its case.
 * Only for the department's side (cases.oversee): a grid member sees the regulator dashboard without it.
 */
export function CaseClocksCard(props: CardProps) {
  const user = useCurrentUser();
  return roleHas(user.role, "cases.oversee") ? <CaseClocks {...props} /> : null;
}

function CaseClocks({ regionCode, pageSize = 5 }: CardProps) {
  const t = useBoardT();
  const [lang] = useLang();
  const label = labelKeyOf(lang);
  const [page, setPage] = useState(1);
  const [mine, setMine] = useState(false);
  const data = useApi(
    (signal) => caseBoardApi.board({ dueWithin: dueSoonDays, mine, region: regionCode, page, pageSize }, signal),
    [mine, regionCode, page, pageSize],
  );
  const today = shanghaiDay(new Date());

  const status = (c: CaseBoardClock) => {
    if (c.overdue) return <Tag color="red">{t("caseBoard.overdueDays", { days: c.daysOverdue })}</Tag>;
    const left = daysBetween(today, c.due);
    return <Tag color="orange">{left <= 0 ? t("caseBoard.dueToday") : t("caseBoard.dueIn", { days: left })}</Tag>;
  };
  // Only the steps the card is about: overdue or due within the week.
  const shown = (r: CaseBoardItem) => r.clocks.filter((c) => c.overdue || daysBetween(today, c.due) <= dueSoonDays);

  return (
    <Card
      size="small"
      title={t("caseBoard.title")}
      data-testid="case-clocks-card"
      extra={
        <Flex gap={8} align="center">
          <Switch
            size="small"
            checked={mine}
            onChange={(v) => {
              setMine(v);
              setPage(1);
            }}
            aria-label={t("caseBoard.mine")}
          />
          <Typography.Text>{t("caseBoard.mine")}</Typography.Text>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t("caseBoard.hint", { days: dueSoonDays })}</Typography.Paragraph>
      {data.error ? (
        <ErrorResult error={data.error} onRetry={data.reload} />
      ) : (
        <Table<CaseBoardItem>
          size="small"
          rowKey="id"
          loading={data.loading}
          dataSource={data.data?.items}
          locale={{ emptyText: t("caseBoard.empty") }}
          scroll={{ x: "max-content" }}
          pagination={{
            current: page,
            pageSize,
            total: data.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (total) => t("caseBoard.total", { total }),
            onChange: setPage,
          }}
          columns={[
            {
              title: t("caseBoard.caseNo"),
              dataIndex: "caseNo",
              render: (no: string, r) => <Link to={`/cases/${r.id}`}>{no}</Link>,
            },
            { title: t("caseBoard.enterprise"), dataIndex: "enterpriseName" },
            {
              title: t("caseBoard.step"),
              key: "steps",
              render: (_: unknown, r) => (
                <Flex vertical gap={4}>
                  {shown(r).map((c) => (
                    <div key={`${c.clock}:${c.due}:${c.decision ?? ""}`} data-clock={c.clock} data-overdue={c.overdue}>
                      <Flex gap={8} align="center" wrap>
                        <span>{caseClockLabels[c.clock][label]}</span>
                        <Typography.Text type="secondary">
                          {t("caseBoard.due")} {c.due}
                        </Typography.Text>
                        {status(c)}
                      </Flex>
                      {c.escalated.length > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("caseBoard.escalated", {
                            rungs: c.escalated.map((rung) => t(`caseBoard.rung.${rung}`)).join(lang === "en-US" ? ", " : "、"),
                          })}
                        </Typography.Text>
                      )}
                    </div>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

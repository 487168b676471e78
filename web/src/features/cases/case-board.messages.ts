import { defineMessages } from "../../i18n/define-messages.js";

/** The overdue-steps card (issue 8 §3). */
export const caseBoardMessages = defineMessages(
  {
    "caseBoard.title": "执法环节超期",
    "caseBoard.hint": "已超期和 {days} 日内到期的执法环节，按到期日排序",
    "caseBoard.mine": "只看我承办的",
    "caseBoard.caseNo": "案号",
    "caseBoard.enterprise": "企业",
    "caseBoard.step": "环节",
    "caseBoard.due": "期限",
    "caseBoard.status": "状态",
    "caseBoard.overdueDays": "逾期 {days} 天",
    "caseBoard.dueToday": "今日到期",
    "caseBoard.dueIn": "{days} 天后到期",
    "caseBoard.escalated": "已提醒：{rungs}",
    "caseBoard.rung.officers": "承办人员",
    "caseBoard.rung.leader": "分管领导",
    "caseBoard.rung.superior": "上级部门",
    "caseBoard.empty": "没有超期或即将到期的执法环节",
    "caseBoard.total": "共 {total} 件案件",
  },
  {
    "caseBoard.title": "Overdue enforcement steps",
    "caseBoard.hint": "Steps overdue or due within {days} days, earliest first",
    "caseBoard.mine": "Only my cases",
    "caseBoard.caseNo": "Case no.",
    "caseBoard.enterprise": "Enterprise",
    "caseBoard.step": "Step",
    "caseBoard.due": "Due",
    "caseBoard.status": "Status",
    "caseBoard.overdueDays": "{days} day(s) overdue",
    "caseBoard.dueToday": "Due today",
    "caseBoard.dueIn": "Due in {days} day(s)",
    "caseBoard.escalated": "Notified: {rungs}",
    "caseBoard.rung.officers": "officers",
    "caseBoard.rung.leader": "leader in charge",
    "caseBoard.rung.superior": "superior department",
    "caseBoard.empty": "No enforcement step is overdue or due soon",
    "caseBoard.total": "{total} case(s)",
  },
);

export type CaseBoardMessageKey = keyof (typeof caseBoardMessages)["zh-CN"];

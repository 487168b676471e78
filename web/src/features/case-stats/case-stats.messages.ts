import { defineMessages } from "../../i18n/define-messages.js";

export const caseStatsMessages = defineMessages(
  {
    "nav.caseStats": "执法统计",

    "caseStats.title": "安全生产执法统计",
    "caseStats.period": "统计期 {from} 至 {to}",
    "caseStats.total": "合计",
    "caseStats.inspectionsWithViolations": "发现违法行为的检查",
    "caseStats.casesOpened": "立案登记",
    "caseStats.ordersIssued": "责令限期整改",
    "caseStats.rectified": "复查已整改",
    "caseStats.notRectified": "复查未整改",
    "caseStats.penalties": "行政处罚决定",
    "caseStats.fined": "罚款决定",
    "caseStats.fineTotal": "罚款总额（元）",
    "caseStats.fineAverage": "平均罚款（元）",
    "caseStats.dailyFines": "按日连续处罚",
    "caseStats.dailyFineTotal": "按日连续处罚金额（元）",
    "caseStats.suspensions": "停产停业整顿",
    "caseStats.casesClosed": "结案",
    "caseStats.closedWithinDeadline": "按期办结",
    "caseStats.fiveBatch": "五个一批",
    "caseStats.chartAria": "{region}各分组立案、责令整改和行政处罚数量柱状图",
    "caseStats.definitions":
      "按统计期内各环节的日期统计：发现违法行为的检查 = 统计期内完成、并据以立案的监管检查；行政处罚决定含简易程序和按日连续处罚，已被撤销的不计，变更的按变更后金额；平均罚款 = 罚款总额 ÷ 罚款决定数；停产停业整顿 = 含责令停产停业的处罚决定 + 现场责令停产停业措施；按期办结 = 结案且每一轮处罚均在作出决定期限内决定；五个一批按案件在统计期内首次符合的标签计数。",
  },
  {
    "nav.caseStats": "Enforcement statistics",

    "caseStats.title": "Work-safety enforcement statistics",
    "caseStats.period": "{from} to {to}",
    "caseStats.total": "Total",
    "caseStats.inspectionsWithViolations": "Inspections with violations",
    "caseStats.casesOpened": "Cases opened",
    "caseStats.ordersIssued": "Orders issued",
    "caseStats.rectified": "Rectified",
    "caseStats.notRectified": "Not rectified",
    "caseStats.penalties": "Penalty decisions",
    "caseStats.fined": "Fines",
    "caseStats.fineTotal": "Fines total (yuan)",
    "caseStats.fineAverage": "Average fine (yuan)",
    "caseStats.dailyFines": "Daily fines",
    "caseStats.dailyFineTotal": "Daily fines total (yuan)",
    "caseStats.suspensions": "Suspensions",
    "caseStats.casesClosed": "Cases closed",
    "caseStats.closedWithinDeadline": "Closed in time",
    "caseStats.fiveBatch": "Five batches (五个一批)",
    "caseStats.chartAria": "Cases opened, orders and penalty decisions per group in {region}, bar chart",
    "caseStats.definitions":
      "Counted by the day of each step inside the period: inspections with violations = regulator inspections finished in the period from which a case was opened; penalty decisions include simple-procedure and daily-fine decisions, revoked ones excluded, changed ones at the changed amount; average fine = fines total ÷ fine decisions; suspensions = decisions ordering suspension + on-site suspension measures; closed in time = closed with every penalty round decided within its decision deadline; 五个一批: cases that first earned the tag in the period.",
  },
);

import { defineMessages } from "../../i18n/define-messages.js";

/** The strings of the statistics building blocks (filters, totals, group table), the same on every statistics page. */
export const statsMessages = defineMessages(
  {
    "stats.region": "区域",
    "stats.period": "统计期",
    "stats.department": "部门",
    "stats.allDepartments": "全部部门",
    "stats.download": "导出 Excel",
    "stats.group.region": "按区域",
    "stats.group.department": "按部门",
    "stats.group.industry": "按行业",
    "stats.group.category": "按类别",
    "stats.group.enterprise": "按企业",
    "stats.name": "名称",
    "stats.unknown": "未登记",
    "stats.all": "全部",
    "stats.noGroups": "没有可分组的数据",
  },
  {
    "stats.region": "Region",
    "stats.period": "Period",
    "stats.department": "Department",
    "stats.allDepartments": "All departments",
    "stats.download": "Export Excel",
    "stats.group.region": "By region",
    "stats.group.department": "By department",
    "stats.group.industry": "By industry",
    "stats.group.category": "By category",
    "stats.group.enterprise": "By enterprise",
    "stats.name": "Name",
    "stats.unknown": "Not recorded",
    "stats.all": "All",
    "stats.noGroups": "Nothing to group",
  },
);

/** The dimensions a statistics page can group its figures by; each page offers some of them. */
export type StatsDimension = "region" | "department" | "industry" | "category" | "enterprise";

import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  ExclamationCircleOutlined,
  FileExcelOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundOutlined,
  HeatMapOutlined,
  HomeOutlined,
  InteractionOutlined,
  KeyOutlined,
  LineChartOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  StopOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { type Permission, roleHas } from "../../../domain/access/permissions.js";
import type { Role } from "../../../domain/access/roles.js";
import type { MessageKey } from "../i18n/messages.js";

export type NavItem = { path: string; label: MessageKey; icon: ReactNode; permission: Permission };
export type NavGroup = { key: string; label: MessageKey; icon: ReactNode; children: NavItem[] };
export type NavEntry = NavItem | NavGroup;

/** The menu; each page's route guard uses the same permission (see router.tsx). */
export const nav: NavEntry[] = [
  { path: "/", label: "nav.home", icon: <HomeOutlined />, permission: "authenticated" },
  { path: "/regions", label: "nav.regions", icon: <ApartmentOutlined />, permission: "regions.read" },
  { path: "/grid", label: "nav.grid", icon: <ClusterOutlined />, permission: "grid.read" },
  { path: "/departments", label: "nav.departments", icon: <BankOutlined />, permission: "departments.read" },
  { path: "/enterprises", label: "nav.enterprises", icon: <ShopOutlined />, permission: "enterprises.read" },
  { path: "/risk-points", label: "nav.riskPoints", icon: <AlertOutlined />, permission: "risk.own" },
  { path: "/risk/policies", label: "nav.riskPolicies", icon: <ProfileOutlined />, permission: "risk.manage" },
  { path: "/risk-region", label: "nav.riskRegion", icon: <HeatMapOutlined />, permission: "risk.region" },
  { path: "/my-checks", label: "nav.myChecks", icon: <FileSearchOutlined />, permission: "checks.record" },
  { path: "/hazards", label: "nav.hazards", icon: <ExclamationCircleOutlined />, permission: "hazards.read" },
  { path: "/hazards/supervision", label: "nav.supervisionBoard", icon: <FlagOutlined />, permission: "hazards.review" },
  { path: "/hazards/exposure", label: "nav.exposure", icon: <NotificationOutlined />, permission: "exposure.manage" },
  { path: "/hazards/stats", label: "nav.hazardStats", icon: <BarChartOutlined />, permission: "hazards.read" },
  { path: "/hazards/reports", label: "nav.hazardReports", icon: <FileExcelOutlined />, permission: "hazards.reports" },
  { path: "/checklists", label: "nav.checklists", icon: <OrderedListOutlined />, permission: "checklists.read" },
  { path: "/inspections", label: "nav.inspections", icon: <SafetyOutlined />, permission: "inspections.read" },
  { path: "/self-inspections", label: "nav.selfInspections", icon: <CarryOutOutlined />, permission: "self_inspections.start" },
  {
    path: "/self-inspections/completion",
    label: "nav.selfCompletion",
    icon: <FundOutlined />,
    permission: "self_inspections.completion",
  },
  { path: "/inspection-plans", label: "nav.inspectionPlans", icon: <ScheduleOutlined />, permission: "inspection_plans.read" },
  { path: "/random-draws", label: "nav.randomDraws", icon: <InteractionOutlined />, permission: "random_draws.read" },
  { path: "/inspections/stats", label: "nav.inspectionStats", icon: <LineChartOutlined />, permission: "inspections.stats" },
  { path: "/cases/credit-proposals", label: "nav.creditProposals", icon: <StopOutlined />, permission: "cases.oversee" },
  { path: "/cases", label: "nav.cases", icon: <FileProtectOutlined />, permission: "cases.read" },
  { path: "/cases/stats", label: "nav.caseStats", icon: <BarChartOutlined />, permission: "cases.oversee" },
  {
    key: "admin",
    label: "nav.admin",
    icon: <SettingOutlined />,
    children: [
      { path: "/admin/users", label: "nav.users", icon: <TeamOutlined />, permission: "users.read" },
      { path: "/admin/tokens", label: "nav.tokens", icon: <KeyOutlined />, permission: "tokens.manage" },
      { path: "/admin/audit", label: "nav.audit", icon: <AuditOutlined />, permission: "audit.read" },
      {
        path: "/admin/document-templates",
        label: "nav.documentTemplates",
        icon: <FileTextOutlined />,
        permission: "document_templates.manage",
      },
    ],
  },
];

export function isGroup(entry: NavEntry): entry is NavGroup {
  return "children" in entry;
}

/** The entries a role may see; groups left without children are dropped. */
export function navFor(role: Role): NavEntry[] {
  return nav.flatMap((entry): NavEntry[] => {
    if (!isGroup(entry)) return roleHas(role, entry.permission) ? [entry] : [];
    const children = entry.children.filter((c) => roleHas(role, c.permission));
    return children.length ? [{ ...entry, children }] : [];
  });
}

/** The menu key to highlight for a pathname: the longest matching item path. */
export function selectedNavPath(pathname: string): string | undefined {
  const paths = nav.flatMap((e) => (isGroup(e) ? e.children : [e])).map((i) => i.path);
  return paths.filter((p) => pathname === p || (p !== "/" && pathname.startsWith(`${p}/`))).sort((a, b) => b.length - a.length)[0];
}

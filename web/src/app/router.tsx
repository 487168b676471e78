import { lazy, Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { Forbidden } from "../components/forbidden.js";
import { NotFound } from "../components/not-found.js";
import { PageLoading } from "../components/page-state.js";
import { RouteError } from "../components/route-error.js";
import { AppLayout } from "./app-layout.js";
import { passwordPath, RequireAuth, RequirePermission } from "./guards.js";

// Feature pages are split into their own chunks.
const LoginPage = lazy(() => import("../features/auth/login-page.js").then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import("../features/auth/change-password-page.js").then((m) => ({ default: m.ChangePasswordPage })));
const HomePage = lazy(() => import("../features/home/home-page.js").then((m) => ({ default: m.HomePage })));
const RegionsPage = lazy(() => import("../features/regions/regions-page.js").then((m) => ({ default: m.RegionsPage })));
const EnterprisesPage = lazy(() => import("../features/enterprises/enterprises-page.js").then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() =>
  import("../features/enterprises/enterprise-detail-page.js").then((m) => ({ default: m.EnterpriseDetailPage })),
);
const EnterpriseCreatePage = lazy(() =>
  import("../features/enterprises/enterprise-form-page.js").then((m) => ({ default: m.EnterpriseCreatePage })),
);
const EnterpriseEditPage = lazy(() =>
  import("../features/enterprises/enterprise-form-page.js").then((m) => ({ default: m.EnterpriseEditPage })),
);
const EnterpriseImportPage = lazy(() =>
  import("../features/enterprises/enterprise-import-page.js").then((m) => ({ default: m.EnterpriseImportPage })),
);
const GridPage = lazy(() => import("../features/grid/grid-page.js").then((m) => ({ default: m.GridPage })));
const GridNodePage = lazy(() => import("../features/grid/grid-node-page.js").then((m) => ({ default: m.GridNodePage })));
const DepartmentsPage = lazy(() => import("../features/departments/departments-page.js").then((m) => ({ default: m.DepartmentsPage })));
const RiskHomePage = lazy(() => import("../features/risk/risk-pages.js").then((m) => ({ default: m.RiskHomePage })));
const EnterpriseRiskPage = lazy(() => import("../features/risk/risk-pages.js").then((m) => ({ default: m.EnterpriseRiskPage })));
const RiskPointCreatePage = lazy(() => import("../features/risk/risk-point-form.js").then((m) => ({ default: m.RiskPointCreatePage })));
const RiskPointEditPage = lazy(() => import("../features/risk/risk-point-form.js").then((m) => ({ default: m.RiskPointEditPage })));
const RiskPointDetailPage = lazy(() =>
  import("../features/risk/risk-point-detail-page.js").then((m) => ({ default: m.RiskPointDetailPage })),
);
const AssessmentPage = lazy(() => import("../features/risk/assessment-form.js").then((m) => ({ default: m.AssessmentPage })));
const PoliciesPage = lazy(() => import("../features/risk/policies-page.js").then((m) => ({ default: m.PoliciesPage })));
const PolicyCreatePage = lazy(() => import("../features/risk/policy-editor.js").then((m) => ({ default: m.PolicyCreatePage })));
const PolicyVersionPage = lazy(() => import("../features/risk/policy-editor.js").then((m) => ({ default: m.PolicyVersionPage })));
const RiskRegionPage = lazy(() => import("../features/risk-region/risk-region-page.js").then((m) => ({ default: m.RiskRegionPage })));
const MyChecksPage = lazy(() => import("../features/checks/my-checks-page.js").then((m) => ({ default: m.MyChecksPage })));
const RiskPointChecksPage = lazy(() =>
  import("../features/checks/risk-point-checks-page.js").then((m) => ({ default: m.RiskPointChecksPage })),
);
const EnterpriseChecksPage = lazy(() =>
  import("../features/checks/enterprise-checks-page.js").then((m) => ({ default: m.EnterpriseChecksPage })),
);
const HazardUnitsPage = lazy(() => import("../features/major-hazard/hazard-units-page.js").then((m) => ({ default: m.HazardUnitsPage })));
const HazardUnitCreatePage = lazy(() =>
  import("../features/major-hazard/hazard-unit-page.js").then((m) => ({ default: m.HazardUnitCreatePage })),
);
const HazardUnitPage = lazy(() => import("../features/major-hazard/hazard-unit-page.js").then((m) => ({ default: m.HazardUnitPage })));
const HazardsPage = lazy(() => import("../features/hazards/hazards-page.js").then((m) => ({ default: m.HazardsPage })));
const HazardReportPage = lazy(() => import("../features/hazards/hazard-report-page.js").then((m) => ({ default: m.HazardReportPage })));
const SupervisionBoardPage = lazy(() =>
  import("../features/hazards/supervision-board-page.js").then((m) => ({ default: m.SupervisionBoardPage })),
);
const ExposurePage = lazy(() => import("../features/hazards/exposure-page.js").then((m) => ({ default: m.ExposurePage })));
const PublicExposurePage = lazy(() =>
  import("../features/public/public-exposure-page.js").then((m) => ({ default: m.PublicExposurePage })),
);
const PublicPenaltiesPage = lazy(() =>
  import("../features/public/public-penalties-page.js").then((m) => ({ default: m.PublicPenaltiesPage })),
);
const CreditProposalsPage = lazy(() =>
  import("../features/cases/credit-proposals-page.js").then((m) => ({ default: m.CreditProposalsPage })),
);
const HazardDetailPage = lazy(() => import("../features/hazards/hazard-detail-page.js").then((m) => ({ default: m.HazardDetailPage })));
const HazardStatsPage = lazy(() => import("../features/hazards/stats-page.js").then((m) => ({ default: m.HazardStatsPage })));
const HazardReportsPage = lazy(() => import("../features/hazards/hazard-reports-page.js").then((m) => ({ default: m.HazardReportsPage })));
const ChecklistsPage = lazy(() => import("../features/checklists/checklists-page.js").then((m) => ({ default: m.ChecklistsPage })));
const ChecklistPage = lazy(() => import("../features/checklists/checklist-page.js").then((m) => ({ default: m.ChecklistPage })));
const ChecklistEditorPage = lazy(() =>
  import("../features/checklists/checklist-editor-page.js").then((m) => ({ default: m.ChecklistEditorPage })),
);
const InspectionsPage = lazy(() => import("../features/inspections/inspections-page.js").then((m) => ({ default: m.InspectionsPage })));
const InspectionCreatePage = lazy(() =>
  import("../features/inspections/inspection-create-page.js").then((m) => ({ default: m.InspectionCreatePage })),
);
const InspectionDetailPage = lazy(() =>
  import("../features/inspections/inspection-detail-page.js").then((m) => ({ default: m.InspectionDetailPage })),
);
const InspectionFieldPage = lazy(() =>
  import("../features/inspections/inspection-field-page.js").then((m) => ({ default: m.InspectionFieldPage })),
);
const SelfSchedulesPage = lazy(() =>
  import("../features/self-inspections/self-schedules-page.js").then((m) => ({ default: m.SelfSchedulesPage })),
);
const SelfCompletionPage = lazy(() =>
  import("../features/self-inspections/self-completion-page.js").then((m) => ({ default: m.SelfCompletionPage })),
);
const InspectionStatsPage = lazy(() =>
  import("../features/inspection-stats/inspection-stats-page.js").then((m) => ({ default: m.InspectionStatsPage })),
);
const InspectionPlansPage = lazy(() =>
  import("../features/inspection-plans/inspection-plans-page.js").then((m) => ({ default: m.InspectionPlansPage })),
);
const InspectionPlanPage = lazy(() =>
  import("../features/inspection-plans/inspection-plan-page.js").then((m) => ({ default: m.InspectionPlanPage })),
);
const RandomDrawsPage = lazy(() => import("../features/random-draws/random-draws-page.js").then((m) => ({ default: m.RandomDrawsPage })));
const RandomDrawPage = lazy(() => import("../features/random-draws/random-draw-page.js").then((m) => ({ default: m.RandomDrawPage })));
const PublicDrawPage = lazy(() => import("../features/random-draws/public-draw-page.js").then((m) => ({ default: m.PublicDrawPage })));
const PublicDrawsPage = lazy(() => import("../features/random-draws/public-draws-page.js").then((m) => ({ default: m.PublicDrawsPage })));
const InboxPage = lazy(() => import("../features/notifications/inbox-page.js").then((m) => ({ default: m.InboxPage })));
const UsersPage = lazy(() => import("../features/users/users-page.js").then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import("../features/tokens/tokens-page.js").then((m) => ({ default: m.TokensPage })));
const AuditPage = lazy(() => import("../features/audit/audit-page.js").then((m) => ({ default: m.AuditPage })));
const DocumentTemplatesPage = lazy(() =>
  import("../features/document-templates/document-templates-page.js").then((m) => ({ default: m.DocumentTemplatesPage })),
);
const CasesPage = lazy(() => import("../features/cases/cases-page.js").then((m) => ({ default: m.CasesPage })));
const CaseOpenPage = lazy(() => import("../features/cases/case-open-page.js").then((m) => ({ default: m.CaseOpenPage })));
const CaseDetailPage = lazy(() => import("../features/cases/case-detail-page.js").then((m) => ({ default: m.CaseDetailPage })));
const CaseStatsPage = lazy(() => import("../features/case-stats/case-stats-page.js").then((m) => ({ default: m.CaseStatsPage })));

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        path: "/login",
        element: (
          <Suspense fallback={<PageLoading fullPage />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        // 每周曝光: public, no session needed (outside RequireAuth like /login).
        path: "/public/exposure",
        element: (
          <Suspense fallback={<PageLoading fullPage />}>
            <PublicExposurePage />
          </Suspense>
        ),
      },
      {
        // 行政处罚信息公示 (enforcement.md R9): public, no session needed.
        path: "/public/penalties",
        element: (
          <Suspense fallback={<PageLoading fullPage />}>
            <PublicPenaltiesPage />
          </Suspense>
        ),
      },
      {
        // 双随机 public index: the executed, revealed draws, each linking to its record; no session needed.
        path: "/public/random-draws",
        element: (
          <Suspense fallback={<PageLoading fullPage />}>
            <PublicDrawsPage />
          </Suspense>
        ),
      },
      {
        // 双随机 public record: anyone re-runs the draw, no session needed.
        path: "/public/random-draws/:id",
        element: (
          <Suspense fallback={<PageLoading fullPage />}>
            <PublicDrawPage />
          </Suspense>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          {
            // Errors inside a page render within the layout, keeping menu and header usable.
            element: <Outlet />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomePage /> },
              { path: passwordPath, element: <ChangePasswordPage /> },
              {
                path: "/regions",
                element: (
                  <RequirePermission permission="regions.read">
                    <RegionsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/grid",
                element: (
                  <RequirePermission permission="grid.read">
                    <GridPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/grid/:code",
                element: (
                  <RequirePermission permission="grid.read">
                    <GridNodePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/departments",
                element: (
                  <RequirePermission permission="departments.read">
                    <DepartmentsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises",
                element: (
                  <RequirePermission permission="enterprises.read">
                    <EnterprisesPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/new",
                element: (
                  <RequirePermission permission="enterprises.create">
                    <EnterpriseCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/import",
                element: (
                  <RequirePermission permission="enterprises.create">
                    <EnterpriseImportPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id",
                element: (
                  <RequirePermission permission="enterprises.read">
                    <EnterpriseDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/edit",
                element: (
                  <RequirePermission permission="enterprises.update">
                    <EnterpriseEditPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-points",
                element: (
                  <RequirePermission permission="risk.read">
                    <RiskHomePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/risk",
                element: (
                  <RequirePermission permission="risk.read">
                    <EnterpriseRiskPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/risk/new",
                element: (
                  <RequirePermission permission="risk.manage">
                    <RiskPointCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-points/:id",
                element: (
                  <RequirePermission permission="risk.read">
                    <RiskPointDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-points/:id/edit",
                element: (
                  <RequirePermission permission="risk.manage">
                    <RiskPointEditPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-points/:id/assess",
                element: (
                  <RequirePermission permission="risk.manage">
                    <AssessmentPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk/policies",
                element: (
                  <RequirePermission permission="risk.manage">
                    <PoliciesPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk/policies/new",
                element: (
                  <RequirePermission permission="risk.manage">
                    <PolicyCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk/policies/:policyId/new-version",
                element: (
                  <RequirePermission permission="risk.manage">
                    <PolicyVersionPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-region",
                element: (
                  <RequirePermission permission="risk.region">
                    <RiskRegionPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/my-checks",
                element: (
                  <RequirePermission permission="checks.record">
                    <MyChecksPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/risk-points/:id/checks",
                element: (
                  <RequirePermission permission="checks.read">
                    <RiskPointChecksPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/checks",
                element: (
                  <RequirePermission permission="checks.read">
                    <EnterpriseChecksPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/hazard-units",
                element: (
                  <RequirePermission permission="major_hazard.read">
                    <HazardUnitsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/enterprises/:id/hazard-units/new",
                element: (
                  <RequirePermission permission="major_hazard.manage">
                    <HazardUnitCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazard-units/:id",
                element: (
                  <RequirePermission permission="major_hazard.read">
                    <HazardUnitPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards",
                element: (
                  <RequirePermission permission="hazards.read">
                    <HazardsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/report",
                element: (
                  <RequirePermission permission="hazards.report">
                    <HazardReportPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/supervision",
                element: (
                  <RequirePermission permission="hazards.review">
                    <SupervisionBoardPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/exposure",
                element: (
                  <RequirePermission permission="exposure.manage">
                    <ExposurePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/stats",
                element: (
                  <RequirePermission permission="hazards.read">
                    <HazardStatsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/reports",
                element: (
                  <RequirePermission permission="hazards.reports">
                    <HazardReportsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/hazards/:id",
                element: (
                  <RequirePermission permission="hazards.read">
                    <HazardDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/checklists",
                element: (
                  <RequirePermission permission="checklists.read">
                    <ChecklistsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/checklists/:id",
                element: (
                  <RequirePermission permission="checklists.read">
                    <ChecklistPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/checklists/:id/edit",
                element: (
                  <RequirePermission permission="checklists.manage">
                    <ChecklistEditorPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspections",
                element: (
                  <RequirePermission permission="inspections.read">
                    <InspectionsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspections/new",
                element: (
                  <RequirePermission permission="inspections.conduct">
                    <InspectionCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspections/:id",
                element: (
                  <RequirePermission permission="inspections.read">
                    <InspectionDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspections/:id/field",
                element: (
                  <RequirePermission permission="inspections.conduct">
                    <InspectionFieldPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/cases",
                element: (
                  <RequirePermission permission="cases.read">
                    <CasesPage />
                  </RequirePermission>
                ),
              },
              {
                // 立案 from a finished regulator inspection: /cases/new?inspection=<id>
                path: "/cases/new",
                element: (
                  <RequirePermission permission="cases.manage">
                    <CaseOpenPage />
                  </RequirePermission>
                ),
              },
              {
                // 执法统计 (issue 8 §6); a static segment, matched before /cases/:id.
                path: "/cases/stats",
                element: (
                  <RequirePermission permission="cases.oversee">
                    <CaseStatsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/cases/:id",
                element: (
                  <RequirePermission permission="cases.read">
                    <CaseDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspection-plans",
                element: (
                  <RequirePermission permission="inspection_plans.read">
                    <InspectionPlansPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspection-plans/:id",
                element: (
                  <RequirePermission permission="inspection_plans.read">
                    <InspectionPlanPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inspections/stats",
                element: (
                  <RequirePermission permission="inspections.stats">
                    <InspectionStatsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/self-inspections",
                element: (
                  <RequirePermission permission="self_inspections.start">
                    <SelfSchedulesPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/self-inspections/completion",
                element: (
                  <RequirePermission permission="self_inspections.completion">
                    <SelfCompletionPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/random-draws",
                element: (
                  <RequirePermission permission="random_draws.read">
                    <RandomDrawsPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/random-draws/:id",
                element: (
                  <RequirePermission permission="random_draws.read">
                    <RandomDrawPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/inbox",
                element: (
                  <RequirePermission permission="notifications.read">
                    <InboxPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/admin/users",
                element: (
                  <RequirePermission permission="users.read">
                    <UsersPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/admin/tokens",
                element: (
                  <RequirePermission permission="tokens.manage">
                    <TokensPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/admin/audit",
                element: (
                  <RequirePermission permission="audit.read">
                    <AuditPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/admin/document-templates",
                element: (
                  <RequirePermission permission="document_templates.manage">
                    <DocumentTemplatesPage />
                  </RequirePermission>
                ),
              },
              {
                path: "/cases/credit-proposals",
                element: (
                  <RequirePermission permission="cases.oversee">
                    <CreditProposalsPage />
                  </RequirePermission>
                ),
              },
              { path: "/403", element: <Forbidden /> },
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);

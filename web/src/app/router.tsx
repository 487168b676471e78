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
const UsersPage = lazy(() => import("../features/users/users-page.js").then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import("../features/tokens/tokens-page.js").then((m) => ({ default: m.TokensPage })));
const AuditPage = lazy(() => import("../features/audit/audit-page.js").then((m) => ({ default: m.AuditPage })));

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
              { path: "/403", element: <Forbidden /> },
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);

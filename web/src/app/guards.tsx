import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { type Permission, roleHas } from "../../../domain/access/permissions.js";
import { ErrorResult } from "../components/error-result.js";
import { Forbidden } from "../components/forbidden.js";
import { PageLoading } from "../components/page-state.js";
import { type AnonymousReason, useCurrentUser, useSession } from "../features/auth/session-context.js";
import { useT } from "../i18n/i18n-context.js";

export const passwordPath = "/account/password";

/** /login, remembering where to return (`next`) and why the user was sent there. */
export function loginPathFor(path: string, reason: AnonymousReason): string {
  if (reason === "signed-out") return "/login";
  const params = new URLSearchParams({ next: path });
  if (reason === "expired") params.set("reason", "expired");
  return `/login?${params}`;
}

/** Only an in-app path may be a redirect target (no open redirects, no loop back to /login). */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return "/";
  return next;
}

/** Renders children for a signed-in user; otherwise redirects to /login (or to the forced password change). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, probe } = useSession();
  const location = useLocation();
  const t = useT();
  switch (state.status) {
    case "loading":
      return <PageLoading fullPage />;
    case "error":
      return <ErrorResult error={state.error} title={t("error.sessionCheck")} onRetry={probe} />;
    case "anonymous":
      return <Navigate to={loginPathFor(location.pathname + location.search, state.reason)} replace />;
    case "authenticated":
      if (state.user.mustChangePassword && location.pathname !== passwordPath) {
        return <Navigate to={passwordPath} replace />;
      }
      return <>{children}</>;
  }
}

/** Renders children when the signed-in role has `permission`, the 403 page otherwise. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const user = useCurrentUser();
  return roleHas(user.role, permission) ? children : <Forbidden />;
}

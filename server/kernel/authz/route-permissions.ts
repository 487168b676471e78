import type { FastifyInstance } from "fastify";
import type { Permission } from "../../../domain/access/permissions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call this route; a route without one is refused (and fails the access test). */
    permission?: Permission;
    /** Callable while the user must still change a reset password (me, password, logout). */
    allowPendingPasswordChange?: boolean;
  }
}

export type RoutePermission = { method: string; url: string; permission: Permission | undefined };

/**
 * Records every route's declared permission as it is registered. The access test walks the
 * OpenAPI document against this list. API docs are public by decision (the code is open source).
 */
export function recordRoutePermissions(app: FastifyInstance): RoutePermission[] {
  const list: RoutePermission[] = [];
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) {
      route.config = { ...(route.config ?? {}), permission: "public" };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      list.push({ method, url: route.url, permission: (route.config as { permission?: Permission } | undefined)?.permission });
    }
  });
  return list;
}

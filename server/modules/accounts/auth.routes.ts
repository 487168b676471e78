import { z } from "zod";
import { ChangePasswordRequest, LoginRequest, SessionInfo } from "../../../domain/auth/auth.dto.js";
import { ErrorBody } from "../../../domain/common/error.js";
import type { AppDeps } from "../../deps.js";
import { csrfTokenFor, sessionCookie } from "../../kernel/auth/authenticate.js";
import { unauthenticated } from "../../kernel/http/errors.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { presentSessionUser } from "./accounts.present.js";
import { changePassword, login, logout } from "./session.service.js";

export function authRoutes(app: Server, deps: AppDeps) {
  const policy = { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
  const cookieOptions = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: deps.config.cookieSecure };

  app.post(
    "/api/auth/login",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in with username and password",
        body: LoginRequest,
        response: { 200: SessionInfo, ...errorResponses, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { actor, secret } = await login(deps.db, req.ctx, { ...req.body, userAgent: req.headers["user-agent"] }, policy);
      reply.setCookie(sessionCookie, secret, cookieOptions);
      return { user: presentSessionUser(actor), csrfToken: csrfTokenFor(secret) };
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { permission: "authenticated", allowPendingPasswordChange: true },
      schema: { tags: ["auth"], summary: "The signed-in user and the CSRF token", response: { 200: SessionInfo, ...errorResponses } },
    },
    async (req) => {
      if (!req.actor) throw unauthenticated();
      return { user: presentSessionUser(req.actor), csrfToken: req.sessionSecret ? csrfTokenFor(req.sessionSecret) : "" };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { permission: "authenticated", allowPendingPasswordChange: true },
      schema: { tags: ["auth"], summary: "Sign out (revokes the session)", response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await logout(deps.db, req.ctx);
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: { permission: "authenticated", allowPendingPasswordChange: true },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password (other sessions are signed out)",
        body: ChangePasswordRequest,
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (req) => {
      const actor = await changePassword(deps.db, req.ctx, req.body);
      return { user: presentSessionUser(actor), csrfToken: req.sessionSecret ? csrfTokenFor(req.sessionSecret) : "" };
    },
  );
}

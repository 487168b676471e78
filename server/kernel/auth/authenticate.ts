import type { FastifyReply, FastifyRequest } from "fastify";
import { roleHas } from "../../../domain/access/permissions.js";
import { AppError, forbidden, unauthenticated } from "../http/errors.js";
import type { Server } from "../http/server.js";
import type { Actor, Ctx } from "./actor.js";
import { safeEqual, sha256 } from "./secrets.js";

export const sessionCookie = "redline_session";
export const csrfHeader = "x-csrf-token";

/** Supplied by the accounts module: turns a presented secret into an actor, or says why not. */
export type Authenticator = {
  session(rawToken: string, now: Date): Promise<Actor | "expired" | null>;
  apiToken(rawToken: string, now: Date): Promise<Actor | null>;
};

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Raw session secret from the cookie, when the actor came from one. */
    sessionSecret: string | null;
    ctx: Ctx;
  }
}

/** The CSRF token is derived from the session secret: nothing extra to store, useless without the cookie. */
export function csrfTokenFor(sessionSecret: string): string {
  return sha256(`csrf:${sessionSecret}`);
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** The value of one cookie from a Cookie header (session secrets are base64url: no decoding needed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * One onRequest hook for every route: identify the caller (Bearer API token or session cookie),
 * enforce CSRF on cookie-authenticated mutations, then the route's declared permission.
 * Runs before body validation, so a caller without the permission learns nothing about the input.
 */
export function installAuthentication(app: Server, auth: Authenticator, opts: { clock: () => Date; cookieSecure: boolean }): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionSecret", null);
  app.decorateRequest("ctx", null as unknown as Ctx);

  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const now = opts.clock();
    req.ctx = { actor: null, ip: req.ip ?? null, now };
    const config = req.routeOptions.config;
    if (req.is404) return;
    const permission = config.permission;
    if (!permission) {
      req.log.error({ url: req.routeOptions.url }, "route has no permission declaration");
      throw forbidden();
    }

    const authorization = req.headers.authorization;
    const cookieSecret = readCookie(req.headers.cookie, sessionCookie);
    if (authorization?.startsWith("Bearer ")) {
      const actor = await auth.apiToken(authorization.slice(7).trim(), now);
      if (!actor) throw unauthenticated("auth.invalid_token");
      req.actor = actor;
    } else if (cookieSecret) {
      const result = await auth.session(cookieSecret, now);
      if (result === "expired" || result === null) {
        reply.clearCookie(sessionCookie, { path: "/" });
        if (permission !== "public") throw unauthenticated(result === "expired" ? "auth.session_expired" : "unauthenticated");
      } else {
        req.actor = result;
        req.sessionSecret = cookieSecret;
        if (!safeMethods.has(req.method)) {
          const presented = req.headers[csrfHeader];
          if (typeof presented !== "string" || !safeEqual(presented, csrfTokenFor(cookieSecret))) {
            throw new AppError(403, "csrf.missing");
          }
        }
      }
    }
    req.ctx.actor = req.actor;

    if (req.actor?.mustChangePassword && !config.allowPendingPasswordChange && permission !== "public") {
      throw forbidden("auth.password_change_required");
    }
    if (!roleHas(req.actor?.role, permission)) {
      throw req.actor ? forbidden() : unauthenticated();
    }
  });
}

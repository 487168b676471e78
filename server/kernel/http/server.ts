import { createHash, randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { jsonSchemaTransform, type ZodTypeProvider } from "fastify-type-provider-zod";
import { type RoutePermission, recordRoutePermissions } from "../authz/route-permissions.js";
import type { Config } from "../config.js";
import { langOf, pick, translate } from "../i18n/i18n.js";
import { AppError } from "./errors.js";
import { issuePath, localiseIssue, RequestValidationError, zodSerializerCompiler, zodValidatorCompiler } from "./validation.js";

export type Server = FastifyInstance<
  import("node:http").Server,
  import("node:http").IncomingMessage,
  import("node:http").ServerResponse,
  import("fastify").FastifyBaseLogger,
  ZodTypeProvider
>;

declare module "fastify" {
  interface FastifyInstance {
    routePermissions: RoutePermission[];
  }
}

export type ServerOptions = Pick<Config, "logLevel" | "trustProxy" | "importMaxMb"> & { version: string };

/**
 * The one inline script of web/index.html: it turns off zod's `new Function` probe, which the browser reports as a
 * CSP violation on every load even though zod catches the error. Allowed by its hash, so no other inline script
 * runs; server/access.test.ts checks index.html against this.
 */
const zodJitlessScript = "globalThis.__zod_globalConfig = { jitless: true };";

/** What both policies allow: everything from the site only, no eval, no plugins, no framing (= X-Frame-Options DENY). */
const sitePolicy: Record<string, string> = {
  "default-src": "'self'",
  "script-src": "'self'",
  // Ant Design's CSS-in-JS (and Swagger UI's bundle) inject <style> elements; index.html has one.
  "style-src": "'self' 'unsafe-inline'",
  "img-src": "'self' data:",
  "connect-src": "'self'",
  "font-src": "'self' data:",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};
const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");

/**
 * The web client's Content-Security-Policy, also sent with API answers (JSON, photos, inline PDFs: Chromium's PDF
 * viewer works under it): index.html's one inline script by its hash; photo previews are data: URLs; blob: images
 * and workers stay open for object-URL previews and an offline worker (none today).
 */
const contentSecurityPolicy = policy({
  ...sitePolicy,
  "script-src": `'self' 'sha256-${createHash("sha256").update(zodJitlessScript).digest("base64")}'`,
  "img-src": "'self' data: blob:",
  "worker-src": "'self' blob:",
});

/** Swagger UI at /api/docs: only its own files (no inline script, so no hash); its stylesheet embeds data: images. */
const docsContentSecurityPolicy = policy(sitePolicy);

const securityHeaders = {
  // Baseline browser hardening: no MIME sniffing, no framing (clickjacking), no cross-site referrers.
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "content-security-policy": contentSecurityPolicy,
  // No browsing context shared with other sites' windows (no window.opener across origins).
  "cross-origin-opener-policy": "same-origin",
  // The phone hazard report uses the camera and GPS (this site only); microphone, payment and USB never.
  "permissions-policy": "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()",
};

/** Fastify with zod validation, one error format, request ids, structured logs and OpenAPI. */
export async function createServer(options: ServerOptions): Promise<Server> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    },
    trustProxy: options.trustProxy,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  // Before any route (swagger-ui's included) so every route's permission is recorded.
  app.decorate("routePermissions", recordRoutePermissions(app));
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  // Set once as the request arrives (a synchronous hook: this runs on every request; the strings are built once).
  app.addHook("onRequest", (req, reply, done) => {
    reply.headers(securityHeaders);
    reply.header("x-request-id", req.id);
    done();
  });
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => sendError(new AppError(404, "route.not_found"), req, reply));

  // Cookies are written by the plugin; the one cookie we read is parsed by the auth hook itself.
  await app.register(cookie, { hook: false });
  // Uploads (spreadsheet imports): one file per request, streamed, refused past the configured size.
  await app.register(multipart, { limits: { fileSize: options.importMaxMb * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Redline 红线 API",
        description: "Work-safety governance platform. Cookie sessions (with x-csrf-token on mutations) or Bearer API tokens.",
        version: options.version,
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "redline_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's own policy (the plugin's onSend hook, on its routes only): see docsContentSecurityPolicy.
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: docsContentSecurityPolicy });
  return app as unknown as Server;
}

/** The single mapping of failures to HTTP: typed errors, validation, framework errors, the rest 500. */
function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(req.headers["accept-language"]);
  const body = (code: string, message: string, fields?: { path: string; message: string }[]) => ({
    error: { code, message, requestId: req.id, ...(fields ? { fields } : {}) },
  });
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.options.headers ?? {})) reply.header(k, v);
    const fields = err.options.fields?.map((f) => ({
      path: f.path,
      message: f.message ? pick(f.message, lang) : translate(f.code ?? "validation.field", lang, f.params),
    }));
    const message =
      err.code === "validation" && fields?.[0]
        ? `${translate("validation", lang)}: ${fields.map((f) => `${f.path} ${f.message}`).join("; ")}`
        : err.messageIn(lang);
    return reply.status(err.status).send(body(err.code, message, fields));
  }
  if (err instanceof RequestValidationError) {
    const fields = err.issues.map((i) => ({ path: issuePath(i) || err.part, message: localiseIssue(i, lang) }));
    const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
    return reply.status(400).send(body("validation", `${translate("validation", lang)} — ${summary}`, fields));
  }
  const fe = err as FastifyError;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 413 ? "payload.too_large" : fe.statusCode === 429 ? "rate_limited" : "validation";
    req.log.info({ err: fe.message, code: fe.code }, "client error");
    return reply.status(fe.statusCode).send(body(code, `${translate(code, lang)}: ${fe.message}`));
  }
  req.log.error({ err }, "unhandled error");
  return reply.status(500).send(body("internal", translate("internal", lang)));
}

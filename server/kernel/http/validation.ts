import type { FastifySchemaCompiler } from "fastify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { z } from "zod";
import { hasMessage, type Lang, translate } from "../i18n/i18n.js";

/** Request validation failure carrying zod's raw issues, localised when the response is written. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: z.core.$ZodIssue[],
    readonly part: string,
  ) {
    super("validation");
  }
}

const locales = { "zh-CN": z.locales.zhCN(), en: z.locales.en() };

export function localiseIssue(issue: z.core.$ZodIssue, lang: Lang): string {
  // A refinement may name a registered message code (e.g. "uscc.check") instead of writing prose.
  if (issue.code === "custom" && hasMessage(issue.message)) return translate(issue.message, lang);
  const generic = locales[lang].localeError(issue as never);
  const text = typeof generic === "string" ? generic : (generic?.message ?? issue.message);
  // A format hint written in a schema (English) helps English readers; zh-CN gets the locale's text alone.
  return lang === "en" && issue.code === "invalid_format" && !issue.message.startsWith("Invalid") ? `${text} (${issue.message})` : text;
}

export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

/** Validates each request part with its zod schema; `reportInput` lets the locale name what was received. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues, httpPart ?? "body") };
  };

/**
 * Responses pass through their zod schema before leaving: unknown keys (a password hash, say) are
 * stripped and a shape the route did not promise is a 500, never a leak. Plain parse, not zod's
 * codec `encode`, which costs several times more on this hot path.
 */
export const zodSerializerCompiler: FastifySerializerCompiler<z.ZodType> =
  ({ schema, method, url }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (!result.success) throw new Error(`response of ${method} ${url} does not match its schema: ${result.error.message}`);
    return JSON.stringify(result.data);
  };

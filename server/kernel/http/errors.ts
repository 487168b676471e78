import type { Lang, Message, Params } from "../i18n/i18n.js";
import { translate } from "../i18n/i18n.js";

/** A field-level failure: `code` names a registered message; `message` gives the text directly. */
export type FieldError = { path: string; code?: string; params?: Params; message?: Message };

/**
 * A failure a caller can act on. `code` selects the zh-CN/en message (see defineMessages);
 * the HTTP status is fixed by the kind of failure, mapped once in the error handler.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 423 | 429,
    readonly code: string,
    readonly options: { params?: Params; fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = "AppError";
  }

  messageIn(lang: Lang): string {
    return translate(this.code, lang, this.options.params);
  }
}

export const badRequest = (code: string, fields?: FieldError[]) => new AppError(400, code, { fields });
/** One invalid field, with its own message code. */
export const fieldError = (path: string, code: string) => new AppError(400, "validation", { fields: [{ path, code }] });
export const unauthenticated = (code = "unauthenticated") => new AppError(401, code);
export const forbidden = (code = "forbidden") => new AppError(403, code);
export const notFound = (entity: Message) => new AppError(404, "not_found", { params: { entity } });
export const staleVersion = () => new AppError(409, "conflict.stale_version");
export const conflict = (code = "conflict", fields?: FieldError[]) => new AppError(409, code, { fields });
export const locked = (code = "locked") => new AppError(423, code);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, "rate_limited", { headers: { "retry-after": String(retryAfterSeconds) } });

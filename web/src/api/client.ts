import { ErrorBody } from "../../../domain/common/error.js";
import { acceptLanguageOf, getLang } from "../i18n/language.js";
import { translate } from "../i18n/messages.js";

export type FieldError = { path: string; message: string };

/** A failed API call: HTTP status (0 when the server was unreachable), error code and localised message. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Normalises anything thrown into an ApiError so the UI can always show a message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "client", error instanceof Error ? error.message : String(error));
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** false for calls whose 401 is an expected answer (login, the session probe), not an expiry. */
  handleUnauthenticated?: boolean;
};

type AuthFailureHandlers = {
  /** A 401: the session is missing, expired or revoked. */
  unauthenticated: (error: ApiError) => void;
  /** A 403 auth.password_change_required: the user must change their password first. */
  passwordChangeRequired: (error: ApiError) => void;
};

// Kept in memory only: the login response and GET /api/auth/me hand it back.
let csrfToken: string | null = null;
let handlers: AuthFailureHandlers | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registered by the session provider, which redirects to /login or /account/password. */
export function setAuthFailureHandlers(next: AuthFailureHandlers | null): void {
  handlers = next;
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const lang = getLang();
  const requestId = response.headers.get("x-request-id") ?? undefined;
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) {
    return new ApiError(response.status, "http", translate(lang, "error.unexpected", { status: response.status }), [], requestId);
  }
  const { code, message, fields, requestId: id } = parsed.data.error;
  return new ApiError(response.status, code, message, fields ?? [], id ?? requestId);
}

/** JSON fetch against the same-origin API with the UI language, session cookie and CSRF header. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": acceptLanguageOf(getLang()),
  };
  // No Content-Type without a body: the server rejects an empty JSON body.
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "network", translate(getLang(), "error.network"));
  }

  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && options.handleUnauthenticated !== false) handlers?.unauthenticated(error);
    if (error.status === 403 && error.code === "auth.password_change_required") handlers?.passwordChangeRequired(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type UploadOptions = {
  /** The multipart field name; `file` unless told. */
  field?: string;
  /** 0–100 as the request body is sent. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

/**
 * Multipart POST of one file (XMLHttpRequest, for upload progress) with the same language, cookie
 * and CSRF header as `request`; the browser sets the multipart Content-Type with its boundary.
 */
export function upload<T>(path: string, file: Blob, fileName: string, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    form.append(options.field ?? "file", file, fileName);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", acceptLanguageOf(getLang()));
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    const abort = () => xhr.abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    const done = () => options.signal?.removeEventListener("abort", abort);
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, "network", translate(getLang(), "error.network")));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("Aborted", "AbortError"));
    };
    xhr.onload = async () => {
      done();
      const headers = new Headers();
      const requestId = xhr.getResponseHeader("x-request-id");
      if (requestId) headers.set("x-request-id", requestId);
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers });
      if (!response.ok) {
        const error = await errorOf(response);
        if (error.status === 401) handlers?.unauthenticated(error);
        if (error.status === 403 && error.code === "auth.password_change_required") handlers?.passwordChangeRequired(error);
        reject(error);
        return;
      }
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } catch (err) {
        reject(toApiError(err));
      }
    };
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: "PATCH", body }),
};

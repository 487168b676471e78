import { ErrorBody } from "../../../domain/common/error.js";

/** Error responses documented on every route (the body is always ErrorBody). */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

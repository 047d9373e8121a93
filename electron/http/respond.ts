import type { ServerResponse } from 'node:http';
import type { HandlerName, RpcResponse } from '../shared/contract';
import type { ErrorCode, ErrorPayload } from '../shared/errors';

export const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404, INVALID_ARGUMENT: 400, UNAUTHORIZED: 401, CONFLICT: 409, CANCELLED: 409, DATABASE_TOO_NEW: 409,
  UNREADABLE: 422, PERMISSION_DENIED: 403, EMPTY_FILE: 422, NOT_AUDIO: 422, DECODE_FAILED: 422, SILENT: 422,
  MODEL_UNAVAILABLE: 503, FFMPEG_UNAVAILABLE: 503, INTERNAL: 500,
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ErrorPayload, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, status, { ok: false, error } satisfies RpcResponse<HandlerName>, headers);
}

/** A request a gate turned away, with the status to answer. */
export interface Refusal {
  status: number;
  error: ErrorPayload;
  headers?: Record<string, string>;
}

export function refuse(res: ServerResponse, refusal: Refusal): void {
  sendError(res, refusal.status, refusal.error, refusal.headers);
}

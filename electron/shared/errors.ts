/**
 * Errors that cross a boundary (IPC, HTTP, CLI JSON) travel as `{code, message}`.
 * The codes are a closed union so every caller can switch on them exhaustively.
 */
export const ERROR_CODES = [
  'NOT_FOUND',
  'UNREADABLE',
  /** The operating system refused a write (a folder or file without permission, a read-only disk). */
  'PERMISSION_DENIED',
  'EMPTY_FILE',
  'NOT_AUDIO',
  'DECODE_FAILED',
  'SILENT',
  'INVALID_ARGUMENT',
  'UNAUTHORIZED',
  'CANCELLED',
  'CONFLICT',
  'MODEL_UNAVAILABLE',
  'FFMPEG_UNAVAILABLE',
  'DATABASE_TOO_NEW',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class EmoqaError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmoqaError';
    this.code = code;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as a payload; unknown failures become INTERNAL with their message kept. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof EmoqaError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

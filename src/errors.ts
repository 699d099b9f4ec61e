/**
 * The one error type for mistakes a user can cause: bad input, a missing file, a wrong
 * architecture, a refused download or cloud call. Its message says what is wrong and what to
 * do; the edges print it as exactly one failure line. Anything else thrown is a bug and keeps
 * its stack.
 */
export class UserError extends Error {
  override name = 'UserError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Turns anything thrown into text, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

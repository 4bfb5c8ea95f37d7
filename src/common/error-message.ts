/**
 * Returns the message of a thrown value. Reads `message` structurally because errors
 * from Node and native addons fail `instanceof Error` inside other vm contexts (jest).
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}

/** Returns the `code` of a Node or driver error, such as ENOENT or SQLITE_BUSY. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

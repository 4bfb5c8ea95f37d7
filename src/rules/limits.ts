/**
 * Limits that keep hostile or broken input from exhausting the stack. Parsing,
 * checking and compiling recurse once per nesting level, so deeper input is rejected
 * with a diagnostic instead.
 */

/** Parentheses and brackets inside one another, and prefix `not` or `-` in a row. */
export const MAX_NESTING_DEPTH = 64;

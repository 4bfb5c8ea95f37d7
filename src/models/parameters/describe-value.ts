/** Shows a configuration value in a message as it appears in JSON, with its JSON type. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > 80) {
    text = `${text.slice(0, 77)}...`;
  }
  return `${text} (${type})`;
}

/** True for a JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

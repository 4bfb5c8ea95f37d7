/**
 * Run keys identify one scheduled run of a campaign. A second trigger with the same key
 * (a second instance, a restart, a manual re-run of the same slot) finds the existing
 * run instead of starting another. Format: `<campaign>@<ISO 8601 instant>` for a
 * fixed-zone schedule, `<campaign>@<ISO 8601 instant>#<zone>` for customer time.
 */

export interface RunKeyParts {
  campaign: string;
  /** Epoch milliseconds of the scheduled (not the actual) start. */
  scheduledAt: number;
  /** Set for customer-time runs, which run once per zone. */
  timeZone?: string;
}

export function formatRunKey(parts: RunKeyParts): string {
  const instant = new Date(parts.scheduledAt).toISOString();
  const zone = parts.timeZone === undefined ? '' : `#${parts.timeZone}`;
  return `${parts.campaign}@${instant}${zone}`;
}

/**
 * Splits a run key back into its parts, or returns null when it is not one. Campaign
 * names may contain `@` and `#`, so parsing starts at the last `@`: instants and zone
 * names contain neither.
 */
export function parseRunKey(key: string): RunKeyParts | null {
  const at = key.lastIndexOf('@');
  if (at <= 0) {
    return null;
  }

  const campaign = key.slice(0, at);
  const rest = key.slice(at + 1);
  const hash = rest.indexOf('#');
  const instantText = hash < 0 ? rest : rest.slice(0, hash);
  const scheduledAt = Date.parse(instantText);
  if (!Number.isFinite(scheduledAt) || new Date(scheduledAt).toISOString() !== instantText) {
    return null;
  }

  if (hash < 0) {
    return { campaign, scheduledAt };
  }
  const timeZone = rest.slice(hash + 1);
  return timeZone.length > 0 ? { campaign, scheduledAt, timeZone } : null;
}

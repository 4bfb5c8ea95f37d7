import { formatRunKey, parseRunKey } from '../../src/scheduler';

const at = (iso: string): number => Date.parse(iso);

describe(formatRunKey.name, () => {
  it('joins campaign and instant', () => {
    expect(formatRunKey({ campaign: 'Win back', scheduledAt: at('2025-03-03T09:00:00Z') })).toBe(
      'Win back@2025-03-03T09:00:00.000Z',
    );
  });

  it('adds the zone for customer time', () => {
    expect(formatRunKey({ campaign: 'Win back', scheduledAt: at('2025-03-03T08:00:00Z'), timeZone: 'Europe/Berlin' })).toBe(
      'Win back@2025-03-03T08:00:00.000Z#Europe/Berlin',
    );
  });

  it('differs per zone at one instant', () => {
    const scheduledAt = at('2025-03-03T08:00:00Z');

    expect(formatRunKey({ campaign: 'c', scheduledAt, timeZone: 'Europe/Berlin' })).not.toBe(
      formatRunKey({ campaign: 'c', scheduledAt, timeZone: 'Europe/Paris' }),
    );
  });
});

describe(parseRunKey.name, () => {
  it.each([
    [{ campaign: 'Win back', scheduledAt: at('2025-03-03T09:00:00Z') }],
    [{ campaign: 'Sale #1 @ home', scheduledAt: at('2025-03-03T09:00:00Z'), timeZone: 'America/Argentina/Buenos_Aires' }],
  ])('round-trips %j', (parts) => {
    expect(parseRunKey(formatRunKey(parts))).toEqual(parts);
  });

  it.each(['no-instant', '@2025-03-03T09:00:00.000Z', 'c@2025-03-03', 'c@not-a-date', 'c@2025-03-03T09:00:00.000Z#'])(
    'rejects %s',
    (key) => {
      expect(parseRunKey(key)).toBeNull();
    },
  );
});

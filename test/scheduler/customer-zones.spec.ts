import { CustomerZoneGroups } from '../../src/scheduler';

describe(CustomerZoneGroups.name, () => {
  it('groups customers by zone', () => {
    const groups = new CustomerZoneGroups('UTC');

    groups.add([
      { id: 'c1', timeZone: 'Europe/Berlin' },
      { id: 'c2', timeZone: 'Asia/Tokyo' },
    ]);
    groups.add([{ id: 'c3', timeZone: 'Europe/Berlin' }]);

    expect(groups.zones()).toEqual(['Asia/Tokyo', 'Europe/Berlin']);
    expect(groups.customersIn('Europe/Berlin')).toEqual(['c1', 'c3']);
    expect(groups.customersIn('America/Lima')).toEqual([]);
    expect(groups.invalid).toEqual([]);
  });

  it('reports unknown zones', () => {
    const groups = new CustomerZoneGroups('UTC');

    groups.add([
      { id: 'c1', timeZone: 'Berlin' },
      { id: 'c2', timeZone: '' },
    ]);

    expect(groups.zones()).toEqual(['UTC']);
    expect(groups.customersIn('UTC')).toEqual(['c1', 'c2']);
    expect(groups.invalid).toEqual([
      { customerId: 'c1', timeZone: 'Berlin', groupedAs: 'UTC' },
      { customerId: 'c2', timeZone: '', groupedAs: 'UTC' },
    ]);
  });

  it('rejects an unknown fallback', () => {
    expect(() => new CustomerZoneGroups('Nowhere/Town')).toThrow("fallback zone 'Nowhere/Town'");
  });
});

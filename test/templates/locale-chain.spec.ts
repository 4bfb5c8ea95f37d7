import { canonicalLocale, localeChain } from '../../src/templates';

describe('localeChain', () => {
  it('drops subtags from the right', () => {
    expect(localeChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
  });

  it('canonicalizes case first', () => {
    expect(localeChain('zh-hant-tw')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
  });

  it('returns one entry for a language', () => {
    expect(localeChain('en')).toEqual(['en']);
  });

  it('returns nothing for an invalid tag', () => {
    expect(localeChain('not a locale!')).toEqual([]);
    expect(canonicalLocale('')).toBeNull();
  });
});

/**
 * Builds the lookup order for a customer's BCP 47 locale by dropping subtags from the
 * right: `zh-Hant-TW` gives `zh-Hant-TW`, `zh-Hant`, `zh`. The template's default folder
 * comes after the chain and is not part of it. An invalid tag gives an empty chain, so the
 * default template is used.
 */
export function localeChain(locale: string): string[] {
  const canonical = canonicalLocale(locale);
  if (canonical === null) {
    return [];
  }

  const subtags = canonical.split('-');
  const chain: string[] = [];
  for (let length = subtags.length; length > 0; length -= 1) {
    chain.push(subtags.slice(0, length).join('-'));
  }
  return chain;
}

/** Returns the canonical spelling of a BCP 47 tag (`zh-hant-tw` -> `zh-Hant-TW`), or null when invalid. */
export function canonicalLocale(locale: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}

export type LocaleTag = { ok: true; tag: string } | { ok: false; reason: string };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Canonicalizes a BCP 47 tag (`en_us` becomes `en-US`) and checks that its language,
 * script and region are ones the ICU data knows, because well-formed tags such as
 * `xx-YY` or `klingon` name no real language.
 * NOTE: the check uses the ICU data Node was built with; full ICU is the default build.
 */
export function canonicalLocaleTag(text: string): LocaleTag {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(text.replace(/_/g, '-'))[0];
  } catch {
    return { ok: false, reason: 'not a well-formed BCP 47 tag' };
  }

  const locale = new Intl.Locale(tag);
  if (locale.language === 'und' || languageNames.of(locale.language) === undefined) {
    return { ok: false, reason: `unknown language ${JSON.stringify(locale.language)}` };
  }
  if (locale.script !== undefined && scriptNames.of(locale.script) === undefined) {
    return { ok: false, reason: `unknown script ${JSON.stringify(locale.script)}` };
  }
  if (locale.region !== undefined && regionNames.of(locale.region) === undefined) {
    return { ok: false, reason: `unknown region ${JSON.stringify(locale.region)}` };
  }
  return { ok: true, tag };
}

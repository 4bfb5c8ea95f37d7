export type LocaleTag = { ok: true; tag: string } | { ok: false; reason: string };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Language codes that are valid BCP 47 but name no language an email can be written in:
 * undetermined, multiple languages and no linguistic content.
 */
const NON_LANGUAGES = new Map([
  ['und', 'undetermined language "und"'],
  ['mul', 'multiple languages "mul"'],
  ['zxx', 'no linguistic content "zxx"'],
]);
/** Unknown (`Zzzz`) and unwritten (`Zxxx`) scripts, and the unknown region `ZZ`. */
const NON_SCRIPTS = new Set(['Zzzz', 'Zxxx']);
const NON_REGIONS = new Set(['ZZ']);

/**
 * Canonicalizes a BCP 47 tag (`en_us` becomes `en-US`) and checks that its language,
 * script and region are ones the ICU data can name, because well-formed tags such as
 * `xx-YY` or `klingon` name no real language. Never throws: every failure of Intl is
 * returned as a reason.
 * NOTE: the check uses the ICU data Node was built with; full ICU is the default build.
 */
export function canonicalLocaleTag(text: string): LocaleTag {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(Intl.getCanonicalLocales(text.replace(/_/g, '-'))[0]);
  } catch {
    return { ok: false, reason: 'not a well-formed BCP 47 tag' };
  }

  // Node 20 reports the language of `und-US` as undefined, and DisplayNames.of throws on that.
  const language = locale.language ?? 'und';
  const nonLanguage = NON_LANGUAGES.get(language);
  if (nonLanguage !== undefined) {
    return { ok: false, reason: `${nonLanguage} names no language to write in` };
  }
  if (!canName(languageNames, language)) {
    return { ok: false, reason: `unknown language ${JSON.stringify(language)}` };
  }
  if (locale.script !== undefined && (NON_SCRIPTS.has(locale.script) || !canName(scriptNames, locale.script))) {
    return { ok: false, reason: `unknown script ${JSON.stringify(locale.script)}` };
  }
  if (locale.region !== undefined && (NON_REGIONS.has(locale.region) || !canName(regionNames, locale.region))) {
    return { ok: false, reason: `unknown region ${JSON.stringify(locale.region)}` };
  }
  return { ok: true, tag: locale.toString() };
}

/** True when `names` has a display name for `code`; a code it rejects with an exception has none. */
function canName(names: Intl.DisplayNames, code: string): boolean {
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
}

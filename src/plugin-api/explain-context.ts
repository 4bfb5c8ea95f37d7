/**
 * Languages of the interface, the values of RULECAST_LANG. The same union as
 * `InterfaceLanguage` in src/config, declared again here so that the plugin contract
 * does not depend on the engine's configuration module.
 */
export type InterfaceLanguage = 'en' | 'zh-CN';

/** Information the host passes to `explain` about the reader of the reasons. */
export interface ExplainContext {
  /** The configured interface language, in which the plugin writes its reasons. */
  lang: InterfaceLanguage;
}

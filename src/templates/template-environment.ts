import Handlebars from 'handlebars';
import { BUILT_IN_BLOCK_HELPERS, TEMPLATE_HELPERS } from './helpers';
import { TemplatePart } from './template-parts';

export type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;
export type CompiledPart = Handlebars.TemplateDelegate;

const REMOVED_BUILT_INS = ['lookup', 'log'];

/**
 * Creates an isolated Handlebars environment with the engine helpers. `lookup` and `log`
 * are removed, because `lookup` reads any property and so bypasses strict checking.
 * Handlebars' default prototype-access checks stay on.
 */
export function createTemplateEnvironment(): HandlebarsEnvironment {
  const environment = Handlebars.create();
  for (const name of REMOVED_BUILT_INS) {
    environment.unregisterHelper(name);
  }
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) {
    environment.registerHelper(name, helper);
  }
  return environment;
}

/** Helper names a template may call, the engine's and Handlebars' block helpers. */
export function knownHelperNames(): string[] {
  return [...BUILT_IN_BLOCK_HELPERS, ...Object.keys(TEMPLATE_HELPERS)];
}

/**
 * Compile options for one part. Strict mode makes a missing value an error; only known
 * helpers compile. The subject and text parts are plain text, so they are not
 * HTML-escaped; the HTML part always is.
 */
export function compileOptionsFor(part: TemplatePart): CompileOptions {
  const knownHelpers: Record<string, boolean> = { lookup: false, log: false };
  for (const name of knownHelperNames()) {
    knownHelpers[name] = true;
  }
  return { strict: true, knownHelpers, knownHelpersOnly: true, noEscape: part !== 'html' };
}

/** A template name that has no folder under the templates directory. */
export class TemplateNotFoundError extends Error {
  constructor(
    readonly templateName: string,
    readonly templatesDir: string,
    known: string[],
  ) {
    const knownList = known.length > 0 ? known.join(', ') : 'none';
    super(`template "${templateName}" not found in ${templatesDir}; known templates: ${knownList}`);
    this.name = 'TemplateNotFoundError';
  }
}

/** A template file that is missing, fails to parse or fails while rendering one message. */
export class TemplateRenderError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'TemplateRenderError';
  }
}

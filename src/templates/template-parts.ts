/** The three files of every template folder, in the order a message is built. */
export const TEMPLATE_PARTS = ['subject', 'html', 'text'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

export const TEMPLATE_PART_FILES: Record<TemplatePart, string> = {
  subject: 'subject.hbs',
  html: 'body.html.hbs',
  text: 'body.txt.hbs',
};

/** Folders under the templates directory that hold shared files, not templates. */
export const LAYOUTS_FOLDER = '_layouts';
export const PARTIALS_FOLDER = '_partials';

/** Layouts are registered as partials under this prefix: `{{#> layouts/main}}`. */
export const LAYOUT_PARTIAL_PREFIX = 'layouts/';

/** A valid template, partial or layout name: letters, digits, `-` and `_`, starting with a letter or digit. */
export const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

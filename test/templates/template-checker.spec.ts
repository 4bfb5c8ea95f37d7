import { resolve } from 'node:path';
import { checkTemplates, describeCampaignVariables, TemplateDiagnostic } from '../../src/templates';
import { inFolder, sameInAllParts, writeTemplates } from './template-fixtures';

const EXAMPLES = resolve(__dirname, '../../templates');

const variables = describeCampaignVariables({
  customerAttributes: { Income: 'number', first_name: 'string', Dt_Customer: 'date' },
  itemAttributes: { organic: 'boolean' },
  hasOffers: true,
});

function check(files: Record<string, string>, names = ['t']): TemplateDiagnostic[] {
  return checkTemplates(writeTemplates(files), names, variables);
}

function only(files: Record<string, string>): TemplateDiagnostic {
  const diagnostics = check(files);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0];
}

function template(html: string): Record<string, string> {
  return inFolder('t', { 'subject.hbs': 'Hi', 'body.html.hbs': html, 'body.txt.hbs': 'Hi' });
}

describe('checkTemplates', () => {
  it('accepts the example templates', () => {
    const diagnostics = checkTemplates(EXAMPLES, ['winback', 'winback-discount', 'welcome', 'gold-offer'], variables);

    expect(diagnostics).toEqual([]);
  });

  it('reports a misspelled variable with a suggestion', () => {
    const diagnostic = only(template('<p>\n  {{customer.emial}}</p>'));

    expect(diagnostic).toEqual({
      file: 't/body.html.hbs',
      line: 2,
      column: 5,
      severity: 'error',
      message: 'unknown variable "customer.emial"; did you mean "customer.email"?',
      suggestion: 'customer.email',
    });
  });

  it('accepts the length of the offer list', () => {
    expect(check(template('{{plural offers.length one="# pick" other="# picks"}}'))).toEqual([]);
  });

  it('rejects length on an object', () => {
    const diagnostic = only(template('{{customer.length}}'));

    expect(diagnostic.message).toContain('unknown variable "customer.length"');
  });

  it('reports a misspelled attribute', () => {
    const diagnostic = only(template('{{#if customer.attributes.Incom}}x{{/if}}'));

    expect(diagnostic.suggestion).toBe('customer.attributes.Income');
  });

  it('reports an unknown top-level name', () => {
    const diagnostic = only(template('{{cutsomer.email}}'));

    expect(diagnostic.message).toBe('unknown variable "cutsomer"; did you mean "customer"?');
  });

  it('reports an unknown helper with a suggestion', () => {
    const diagnostic = only(template('{{mony 1 "EUR"}}'));

    expect(diagnostic.message).toContain('unknown helper "mony"; did you mean "money"?');
    expect(diagnostic.suggestion).toBe('money');
  });

  it('reports an unknown block helper', () => {
    const diagnostic = only(template('{{#eahc offers}}x{{/eahc}}'));

    expect(diagnostic.suggestion).toBe('each');
  });

  it('reports an unguarded optional value', () => {
    const diagnostic = only(template('{{customer.name}}'));

    expect(diagnostic.message).toBe('"customer.name" may be missing for some customers; wrap it in {{#if customer.name}}...{{/if}}');
  });

  it('accepts a guarded optional value', () => {
    expect(check(template('{{#if customer.name}}{{customer.name}}{{else}}friend{{/if}}'))).toEqual([]);
  });

  it('does not carry the guard into else', () => {
    const diagnostic = only(template('{{#if customer.name}}x{{else}}{{customer.name}}{{/if}}'));

    expect(diagnostic.message).toContain('may be missing');
  });

  it('checks offer fields inside each', () => {
    const diagnostics = check(template('{{#each offers}}{{titel}}{{#if price}}{{money price currency}}{{/if}}{{/each}}'));

    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'unknown variable "titel"; did you mean "title"?',
      '"currency" may be missing for some customers; wrap it in {{#if currency}}...{{/if}}',
    ]);
  });

  it('resolves block parameters and parent paths', () => {
    const source = '{{#each offers as |offer i|}}{{offer.title}} {{i}} {{@index}} {{../customer.email}} {{@root.links.unsubscribe}}{{/each}}';

    expect(check(template(source))).toEqual([]);
  });

  it('reports each over a value', () => {
    const diagnostic = only(template('{{#each customer.email}}x{{/each}}'));

    expect(diagnostic.message).toBe('{{#each}} needs a list, but "customer.email" is a string');
  });

  it('reports printing an object', () => {
    const diagnostic = only(template('{{customer}}'));

    expect(diagnostic.message).toContain('"customer" is an object, which cannot be printed');
  });

  it('warns on printing a raw date', () => {
    const diagnostic = only(template('{{#if customer.attributes.Dt_Customer}}{{customer.attributes.Dt_Customer}}{{/if}}'));

    expect(diagnostic.severity).toBe('warning');
  });

  it('reports a helper argument of the wrong type', () => {
    const diagnostic = only(template('{{money customer.email "EUR"}}'));

    expect(diagnostic.message).toBe('argument 1 of "money" must be number, got string');
  });

  it('reports a wrong argument count', () => {
    const diagnostic = only(template('{{money 1}}'));

    expect(diagnostic.message).toBe('helper "money" takes 2 argument(s), got 1');
  });

  it('reports plural without other', () => {
    const diagnostic = only(template('{{plural 2 one="x"}}'));

    expect(diagnostic.message).toBe('helper "plural" needs the other="..." option');
  });

  it('reports a misspelled helper option', () => {
    const diagnostic = only(template('{{date 0 stlye="long"}}'));

    expect(diagnostic.suggestion).toBe('style');
  });

  it('reports triple braces in HTML only', () => {
    const files = inFolder('t', { 'subject.hbs': '{{{customer.email}}}', 'body.html.hbs': '{{{customer.email}}}', 'body.txt.hbs': '{{{customer.email}}}' });

    const diagnostics = check(files);

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].file).toBe('t/body.html.hbs');
    expect(diagnostics[0].message).toContain('triple braces');
  });

  it('reports the removed lookup helper', () => {
    const diagnostic = only(template('{{lookup customer "email"}}'));

    expect(diagnostic.message).toContain('unknown helper "lookup"');
  });

  it('reports a syntax error with its line', () => {
    const diagnostic = only(template('line one\n{{#if customer.email}}\nno close'));

    expect(diagnostic.line).toBe(3);
    expect(diagnostic.message).toContain('syntax error: the file ends inside a tag or block');
  });

  it('reports a mismatched close tag with its position', () => {
    const diagnostic = only(template('{{#if customer.email}}x{{/each}}'));

    expect(diagnostic.message).toContain("if doesn't match each");
  });

  it('reports an error inside a partial at the partial file', () => {
    const diagnostic = only({ ...template('{{> greeting}}'), '_partials/greeting.hbs': 'Hello\n{{customer.nmae}}' });

    expect(diagnostic.file).toBe('_partials/greeting.hbs');
    expect(diagnostic.line).toBe(2);
    expect(diagnostic.suggestion).toBe('customer.name');
  });

  it('passes hash arguments into a partial', () => {
    const files = { ...template('{{#each offers as |o|}}{{> row offer=o}}{{/each}}'), '_partials/row.hbs': '{{offer.title}} {{offer.prise}}' };

    const diagnostic = only(files);

    expect(diagnostic.suggestion).toBe('offer.price');
  });

  it('walks the block of a layout at its partial-block', () => {
    const files = {
      ...template('{{#> layouts/main}}\n{{customer.emali}}\n{{/layouts/main}}'),
      '_layouts/main.hbs': '<body>{{> @partial-block}}<a href="{{links.unsubscirbe}}">x</a></body>',
    };

    const diagnostics = check(files);

    expect(diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.suggestion])).toEqual([
      ['_layouts/main.hbs', 1, 'links.unsubscribe'],
      ['t/body.html.hbs', 2, 'customer.email'],
    ]);
  });

  it('reports an unknown layout with a suggestion', () => {
    const files = { ...template('{{#> layouts/mian}}x{{/layouts/mian}}'), '_layouts/main.hbs': '{{> @partial-block}}' };

    const diagnostic = only(files);

    expect(diagnostic.suggestion).toBe('layouts/main');
  });

  it('reports a partial that includes itself', () => {
    const diagnostic = only({ ...template('{{> loop}}'), '_partials/loop.hbs': '{{> loop}}' });

    expect(diagnostic.message).toContain('includes itself');
  });

  it('checks every locale variant', () => {
    const files = { ...inFolder('t', sameInAllParts('ok')), ...inFolder('t/zh-CN', { ...sameInAllParts('ok'), 'subject.hbs': '{{customer.locael}}' }) };

    const diagnostic = only(files);

    expect(diagnostic.file).toBe('t/zh-CN/subject.hbs');
  });

  it('reports a missing part', () => {
    const diagnostic = only(inFolder('t', { 'subject.hbs': 'x', 'body.html.hbs': 'x' }));

    expect(diagnostic.message).toBe('the text part is missing; create t/body.txt.hbs');
  });

  it('reports an unknown template with a suggestion', () => {
    const diagnostics = check(inFolder('winback', sameInAllParts('x')), ['winbak']);

    expect(diagnostics).toEqual([
      { file: 'winbak', line: 1, column: 1, severity: 'error', message: 'template "winbak" not found; did you mean "winback"?', suggestion: 'winback' },
    ]);
  });

  it('reports offers in a campaign without offers', () => {
    const files = template('{{#each offers}}{{title}}{{/each}}');

    const diagnostics = checkTemplates(writeTemplates(files), ['t'], describeCampaignVariables({ customerAttributes: {}, hasOffers: false }));

    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['unknown variable "offers"']);
  });

  it('reports all problems in a file, not only the first', () => {
    const diagnostics = check(template('{{customer.a}} {{customer.b}}\n{{customer.c}}'));

    expect(diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.column])).toEqual([
      [1, 3],
      [1, 18],
      [2, 3],
    ]);
  });
});

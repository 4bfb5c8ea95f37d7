import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAttributes } from '../../src/store/entities';
import { TemplateLibrary, TemplateNotFoundError, TemplateRenderError, TemplateRenderer } from '../../src/templates';
import { customer, inFolder, item, renderInput, sameInAllParts, writeTemplates } from './template-fixtures';

const EXAMPLES = resolve(__dirname, '../../templates');

function rendererFor(files: Record<string, string>): { renderer: TemplateRenderer; library: TemplateLibrary; folder: string } {
  const folder = writeTemplates(files);
  const library = new TemplateLibrary(folder);
  return { renderer: new TemplateRenderer(library), library, folder };
}

describe('TemplateRenderer', () => {
  describe('example templates', () => {
    const sut = new TemplateRenderer(new TemplateLibrary(EXAMPLES));

    it('renders all three parts in English', () => {
      const email = sut.render('winback', renderInput());

      expect(email.locale).toBeNull();
      expect(email.subject).toBe('Ada, we miss you: 3 picks for you');
      expect(email.html).toContain('<a href="https://shop.example.com/c/1">Item i1</a>');
      expect(email.html).toContain('€1,234.50');
      expect(email.html).toContain('href="https://mail.example.com/u/TOKEN"');
      expect(email.text).toContain('- Item i2, €1,234.50: https://shop.example.com/c/2');
      expect(email.text).toContain('- Item i3\n');
      expect(email.text).not.toContain('&');
    });

    it('picks the zh-CN variant by locale chain', () => {
      const email = sut.render('winback', renderInput({ customer: customer({ locale: 'zh-CN', name: '小明', timeZone: 'Asia/Shanghai' }) }));

      expect(email.locale).toBe('zh-CN');
      expect(email.subject).toBe('小明，好久不见！我们为您挑选了 3 件好物');
      expect(email.html).toContain('一键退订');
      expect(email.html).toContain('€1,234.50');
    });

    it('falls back to zh for zh-Hans-SG', () => {
      const { renderer } = rendererFor({
        ...inFolder('t', sameInAllParts('default')),
        ...inFolder('t/zh', sameInAllParts('中文')),
      });

      expect(renderer.render('t', renderInput({ customer: customer({ locale: 'zh-Hans-SG' }) })).subject).toBe('中文');
      expect(renderer.render('t', renderInput({ customer: customer({ locale: 'en-GB' }) })).subject).toBe('default');
    });

    it('renders a customer without a name', () => {
      const email = sut.render('winback', renderInput({ customer: customer({ name: null }) }));

      expect(email.subject).toBe('We miss you: 3 picks for you');
      expect(email.text.startsWith('Hello,\n')).toBe(true);
    });
  });

  describe('escaping', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' onmouseover='alert(1)",
      '`><svg onload=alert(1)>',
    ];

    it.each(hostile)('keeps %s inert in the HTML part', (name) => {
      const { renderer } = rendererFor(
        inFolder('t', {
          'subject.hbs': '{{customer.name}}',
          'body.html.hbs': '<p title="{{customer.name}}">{{customer.name}}</p><a href="{{offers.0.url}}">x</a>',
          'body.txt.hbs': '{{customer.name}}',
        }),
      );
      const input = renderInput({ customer: customer({ name }) });
      input.offers = [{ item: item('i1'), url: `https://shop.example.com/?q=${name}` }];

      const email = renderer.render('t', input);

      expect(email.html).not.toMatch(/<script|<img|<svg/);
      expect(email.html).not.toMatch(/"[^"]*"\s*on\w+=/);
      expect(email.html.match(/"/g)).toHaveLength(4);
      expect(email.text).toBe(name);
    });

    it('escapes offer titles in offerList', () => {
      const { renderer } = rendererFor(inFolder('t', sameInAllParts('{{offerList offers}}')));
      const input = renderInput();
      input.offers = [{ item: item('i1', { title: '<b onclick="x()">Wine</b>' }), url: 'https://x.example/"onmouseover="y' }];

      const email = renderer.render('t', input);

      expect(email.html).toContain('&lt;b onclick&#x3D;&quot;x()&quot;&gt;Wine&lt;/b&gt;');
      expect(email.html).toContain('href="https://x.example/&quot;onmouseover&#x3D;&quot;y"');
      expect(email.text).toBe('- <b onclick="x()">Wine</b>, €12.50: https://x.example/"onmouseover="y');
    });

    it('treats __proto__ attribute keys as data', () => {
      const { renderer } = rendererFor(inFolder('t', sameInAllParts('{{#if customer.attributes.__proto__}}{{customer.attributes.__proto__}}{{/if}}')));
      const attributes = createAttributes([['__proto__', 'plain value']]);

      const email = renderer.render('t', renderInput({ customer: customer({ attributes }) }));

      expect(email.subject).toBe('plain value');
    });

    it('blocks prototype access', () => {
      const { renderer } = rendererFor(inFolder('t', sameInAllParts('[{{customer.constructor}}]')));

      expect(() => renderer.render('t', renderInput())).toThrow(TemplateRenderError);
    });
  });

  describe('missing values', () => {
    it('throws with file and line on an unguarded missing name', () => {
      const { renderer } = rendererFor(inFolder('t', { 'subject.hbs': 'Hi', 'body.html.hbs': 'Hi\n{{customer.name}}', 'body.txt.hbs': 'Hi' }));

      const render = (): unknown => renderer.render('t', renderInput({ customer: customer({ name: null }) }));

      expect(render).toThrow(TemplateRenderError);
      expect(render).toThrow('t/body.html.hbs: "name" not defined');
      expect(render).toThrow('at line 2, column 3');
    });

    it('names the partial file on a failure inside it', () => {
      const { renderer } = rendererFor({
        ...inFolder('t', sameInAllParts('{{> greeting}}')),
        '_partials/greeting.hbs': 'Hello {{customer.nickname}}',
      });

      expect(() => renderer.render('t', renderInput())).toThrow('_partials/greeting.hbs: "nickname" not defined');
    });

    it('rejects an unknown helper at compile time', () => {
      const { renderer } = rendererFor(inFolder('t', sameInAllParts('{{lookup customer "name"}}')));

      expect(() => renderer.render('t', renderInput())).toThrow('unknown helper lookup');
    });

    it('reports a missing part', () => {
      const { renderer } = rendererFor(inFolder('t', { 'subject.hbs': 'x', 'body.txt.hbs': 'x' }));

      expect(() => renderer.render('t', renderInput())).toThrow('t: the html part is missing');
    });

    it('reports an unknown template with the known names', () => {
      const { renderer } = rendererFor(inFolder('winback', sameInAllParts('x')));

      expect(() => renderer.render('winbak', renderInput())).toThrow(TemplateNotFoundError);
      expect(() => renderer.render('winbak', renderInput())).toThrow('known templates: winback');
    });

    it('rejects a path that leaves the templates folder', () => {
      const { renderer } = rendererFor(inFolder('t', sameInAllParts('x')));

      expect(() => renderer.render('../t', renderInput())).toThrow(TemplateNotFoundError);
    });
  });

  describe('helpers', () => {
    const helperTemplate = inFolder('t', {
      'subject.hbs': '{{money 1234.5 "EUR"}}|{{number 1234567.891 decimals=1}}|{{date customer.attributes.Dt_Customer}}|{{datetime customer.attributes.Dt_Customer style="short"}}',
      'body.html.hbs': '{{plural 1 one="# offer" other="# offers"}}|{{plural 5 one="# offer" other="# offers"}}|{{plural 2 one="# x" few="# few" many="# many" other="# other"}}',
      'body.txt.hbs': '{{date "2024-03-01T12:00:00Z" style="long"}}',
    });
    const { renderer } = rendererFor(helperTemplate);

    it('formats for en-US in New York', () => {
      const email = renderer.render('t', renderInput());

      expect(email.subject).toBe('€1,234.50|1,234,567.9|Jan 14, 2024|1/14/24, 10:00 PM');
      expect(email.html).toBe('1 offer|5 offers|2 other');
      expect(email.text).toBe('March 1, 2024');
    });

    it('formats for de-DE in Berlin', () => {
      const email = renderer.render('t', renderInput({ customer: customer({ locale: 'de-DE', timeZone: 'Europe/Berlin' }) }));

      expect(email.subject).toBe('1.234,50 €|1.234.567,9|15.01.2024|15.01.24, 04:00');
    });

    it('uses Russian plural categories', () => {
      const email = renderer.render('t', renderInput({ customer: customer({ locale: 'ru-RU', timeZone: 'Europe/Moscow' }) }));

      expect(email.html).toBe('1 offer|5 offers|2 few');
    });

    it('rejects a bad currency code', () => {
      const { renderer: bad } = rendererFor(inFolder('t', sameInAllParts('{{money 1 "euro"}}')));

      expect(() => bad.render('t', renderInput())).toThrow('currency must be an ISO 4217 code');
    });

    it('rejects a bad time zone with the file', () => {
      const render = (): unknown => renderer.render('t', renderInput({ customer: customer({ timeZone: 'Mars/Olympus' }) }));

      expect(render).toThrow(TemplateRenderError);
      expect(render).toThrow('t/subject.hbs');
    });

    it('rejects plural without other', () => {
      const { renderer: bad } = rendererFor(inFolder('t', sameInAllParts('{{plural 1 one="x"}}')));

      expect(() => bad.render('t', renderInput())).toThrow('the other="..." form is required');
    });
  });

  describe('compile cache', () => {
    it('compiles once however many messages render', () => {
      const { renderer, library } = rendererFor(inFolder('t', sameInAllParts('Hi {{customer.email}}')));

      renderer.render('t', renderInput());
      const afterFirst = library.compiledCount();
      for (let index = 0; index < 50; index += 1) {
        renderer.render('t', renderInput({ customer: customer({ id: `c${index}` }) }));
      }

      expect(afterFirst).toBe(3);
      expect(library.compiledCount()).toBe(afterFirst);
    });

    it('recompiles only the edited file after refresh', () => {
      const { renderer, library, folder } = rendererFor(inFolder('t', sameInAllParts('v1')));
      renderer.render('t', renderInput());

      writeFileSync(join(folder, 't', 'subject.hbs'), 'v2');
      library.refresh();
      const email = renderer.render('t', renderInput());

      expect(email.subject).toBe('v2');
      expect(library.compiledCount()).toBe(4);
    });
  });
});

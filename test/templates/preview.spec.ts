import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { previewEmail } from '../../src/cli/commands/preview-email.command';
import { LinkTokens, MessageLinkBuilder, TokenSigner, UnsubscribeTokens } from '../../src/delivery';
import { TemplateLibrary, TemplateRenderError, TemplateRenderer } from '../../src/templates';
import { customer, inFolder, item, writeTemplates } from './template-fixtures';

const EXAMPLES = resolve(__dirname, '../../templates');

function linkBuilder(): MessageLinkBuilder {
  const signer = new TokenSigner('preview-test-secret-0123');
  return new MessageLinkBuilder('http://127.0.0.1:3000', new UnsubscribeTokens(signer), new LinkTokens(signer), null);
}

describe('previewEmail', () => {
  const lines: string[] = [];
  const output = { write: (text: string) => lines.push(text) };

  it('writes subject, HTML and text files', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'rulecast-preview-')), 'out');

    const { files, server } = await previewEmail({
      renderer: new TemplateRenderer(new TemplateLibrary(EXAMPLES)),
      links: linkBuilder(),
      campaign: 'winback',
      template: 'winback',
      variant: 'A',
      customer: customer(),
      offers: [item('i1'), item('i2')],
      outDir,
      open: false,
      output,
    });

    expect(server).toBeNull();
    expect(readFileSync(files.subject, 'utf8')).toBe('Ada, we miss you: 2 picks for you\n');
    expect(readFileSync(files.html, 'utf8')).toContain('Hello Ada,');
    expect(readFileSync(files.text, 'utf8')).toContain('http://127.0.0.1:3000/u/');
    expect(lines.join('')).toContain(`wrote ${files.html}`);
  });

  it('serves the preview on 127.0.0.1', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'rulecast-preview-'));
    const { server } = await previewEmail({
      renderer: new TemplateRenderer(new TemplateLibrary(EXAMPLES)),
      links: linkBuilder(),
      campaign: 'winback',
      template: 'winback',
      variant: null,
      customer: customer({ name: '<b>Ada</b>' }),
      offers: [item('i1')],
      outDir,
      open: true,
      output,
    });
    if (server === null) {
      throw new Error('previewEmail did not start a server');
    }

    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(server.url);
      const html = await fetch(new URL('/html', server.url));
      const missing = await fetch(new URL('/nope', server.url));

      expect(index.status).toBe(200);
      expect(await index.text()).toContain('&lt;b&gt;Ada&lt;/b&gt;, we miss you');
      expect(await html.text()).toContain('Hello &lt;b&gt;Ada&lt;/b&gt;,');
      expect(missing.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('throws a render error naming the file', async () => {
    const folder = writeTemplates(inFolder('t', { 'subject.hbs': '{{customer.name}}', 'body.html.hbs': 'x', 'body.txt.hbs': 'x' }));

    const preview = previewEmail({
      renderer: new TemplateRenderer(new TemplateLibrary(folder)),
      links: linkBuilder(),
      campaign: 'c',
      template: 't',
      variant: null,
      customer: customer({ name: null }),
      offers: null,
      outDir: join(folder, 'out'),
      open: false,
      output,
    });

    await expect(preview).rejects.toThrow(TemplateRenderError);
    await expect(preview).rejects.toThrow('t/subject.hbs');
  });
});

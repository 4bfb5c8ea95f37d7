import Handlebars from 'handlebars';
import { createServer, Server } from 'node:http';
import { RenderedEmail } from '../template-renderer';

/** A running preview page; `close()` stops the server. */
export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one rendered message on 127.0.0.1: `/` shows the subject, the text part and the
 * HTML part in a sandboxed frame (no scripts), `/html` and `/text` the raw parts.
 * Port 0 picks a free port.
 */
export function servePreview(email: RenderedEmail, port = 0): Promise<PreviewServer> {
  const escape = Handlebars.Utils.escapeExpression;
  const index = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Preview: ',
    escape(email.subject),
    '</title></head><body style="font-family: sans-serif; margin: 1.5em">',
    `<p><strong>Subject:</strong> ${escape(email.subject)}</p>`,
    `<p><strong>Template:</strong> ${escape(email.template)} (${escape(email.locale ?? 'default')})</p>`,
    '<iframe sandbox src="/html" style="width: 100%; height: 60vh; border: 1px solid #ccc"></iframe>',
    `<h2>Text part</h2><pre>${escape(email.text)}</pre>`,
    '</body></html>',
  ].join('');

  const server: Server = createServer((request, response) => {
    const pages: Record<string, { type: string; body: string }> = {
      '/': { type: 'text/html', body: index },
      '/html': { type: 'text/html', body: email.html },
      '/text': { type: 'text/plain', body: email.text },
    };
    const page = pages[request.url ?? '/'];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found; try / or /html or /text\n');
      return;
    }
    response.writeHead(200, { 'content-type': `${page.type}; charset=utf-8`, 'content-security-policy': "script-src 'none'" }).end(page.body);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the preview server has no TCP address'));
        return;
      }
      resolvePromise({
        url: `http://127.0.0.1:${address.port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

import Handlebars from 'handlebars';

/** The part of an HTTP response the public pages use; Express's response has it. */
export interface HtmlResponse {
  status(code: number): HtmlResponse;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

/** Sends a small self-contained HTML page; `body` must already be escaped HTML. */
export function sendPage(response: HtmlResponse, status: number, title: string, body: string): void {
  const escapedTitle = Handlebars.Utils.escapeExpression(title);
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  response.setHeader('Cache-Control', 'no-store');
  response.send(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapedTitle}</title></head><body style="font-family: sans-serif; max-width: 32em; margin: 3em auto;">` +
      `<h1 style="font-size: 1.4em;">${escapedTitle}</h1>${body}</body></html>`,
  );
}

import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { Public } from '../../auth/public.decorator';
import { HtmlResponse, sendPage } from '../unsubscribe/html-page';
import { TrackedLinksService } from './tracked-links.service';

/** The part of an HTTP response a redirect needs; Express's response has it. */
export interface RedirectResponse extends HtmlResponse {
  redirect(status: number, url: string): unknown;
}

/**
 * Public endpoints behind the links in messages, outside the API key; both accept only
 * signed tokens. `GET /c/:token` records a click and redirects to the item; `GET
 * /v/:token` shows the message in the browser.
 */
@Public()
@Controller()
export class TrackedLinksController {
  constructor(@Inject(TrackedLinksService) private readonly links: TrackedLinksService) {}

  @Get('c/:token')
  async click(@Param('token') token: string, @Res() response: RedirectResponse): Promise<void> {
    const result = await this.links.click(token);
    if (result.outcome === 'invalid') {
      sendPage(response, 400, 'Invalid link', '<p>This link is invalid. Use the link in the email you received.</p>');
      return;
    }
    response.redirect(302, result.target);
  }

  @Get('v/:token')
  async view(@Param('token') token: string, @Res() response: HtmlResponse): Promise<void> {
    const result = await this.links.view(token);
    if (result.outcome === 'invalid') {
      sendPage(response, 400, 'Invalid link', '<p>This link is invalid. Use the link in the email you received.</p>');
      return;
    }
    if (result.outcome === 'gone') {
      sendPage(response, 410, 'Email not available', '<p>This email can no longer be shown in the browser.</p>');
      return;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', "script-src 'none'");
    response.setHeader('Cache-Control', 'no-store');
    response.send(result.html);
  }
}

import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { Public } from '../../auth/public.decorator';
import { HtmlResponse, sendPage } from './html-page';
import { UnsubscribeResult, UnsubscribeService } from './unsubscribe.service';

/**
 * Public one-click unsubscribe (RFC 8058), outside the API key: it accepts only tokens
 * signed by this engine. `POST /u/:token` unsubscribes at once, as mail clients do for
 * `List-Unsubscribe-Post`. `GET /u/:token` only shows a page with a button that posts,
 * so a link scanner that follows GET links does not unsubscribe anyone. A forged,
 * altered or expired token gets 400 and changes nothing.
 */
@Public()
@Controller('u')
export class UnsubscribeController {
  constructor(@Inject(UnsubscribeService) private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  async confirm(@Param('token') token: string, @Res() response: HtmlResponse): Promise<void> {
    const problem = await this.unsubscribes.check(token);
    if (problem !== null) {
      sendResult(response, problem);
      return;
    }
    sendPage(
      response,
      200,
      'Unsubscribe',
      '<p>Do you want to stop receiving these emails?</p>' +
        '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
        '<button type="submit" style="font-size: 1em; padding: 0.5em 1.2em;">Unsubscribe</button></form>',
    );
  }

  @Post(':token')
  async unsubscribe(@Param('token') token: string, @Res() response: HtmlResponse): Promise<void> {
    sendResult(response, await this.unsubscribes.unsubscribe(token));
  }
}

function sendResult(response: HtmlResponse, result: UnsubscribeResult): void {
  switch (result.outcome) {
    case 'unsubscribed':
    case 'already-suppressed':
      sendPage(response, 200, 'You are unsubscribed', '<p>You will not receive these emails any more.</p>');
      return;
    case 'unknown-customer':
      sendPage(response, 404, 'Address not found', '<p>We have no subscription for this link.</p>');
      return;
    case 'invalid':
      sendPage(response, 400, 'Invalid unsubscribe link', '<p>This link is invalid or has expired. Use the link in a recent email.</p>');
      return;
  }
}

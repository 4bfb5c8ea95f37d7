/**
 * Returns `host:port` of an SMTP URL, without the user and password it may contain. The
 * port defaults as in nodemailer: 465 for `smtps://`, 587 for `smtp://`.
 */
export function smtpEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.port !== '') {
    return `${parsed.hostname}:${parsed.port}`;
  }
  const defaultPort = parsed.protocol === 'smtps:' ? 465 : 587;
  return `${parsed.hostname}:${defaultPort}`;
}

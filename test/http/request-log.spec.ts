import { redactRequestPath } from '../../src/common/http/configure-http-app';

describe('redactRequestPath', () => {
  it.each([
    ['/u/eyJhbGciOi.abc', '/u/[token]'],
    ['/u/eyJhbGciOi.abc?source=mail', '/u/[token]'],
    ['/c/abc123', '/c/[token]'],
    ['/v/abc123/', '/v/[token]'],
  ])('hides the token in %s', (url, expected) => {
    expect(redactRequestPath(url)).toBe(expected);
  });

  it.each([
    ['/api/campaigns?name=Ann', '/api/campaigns'],
    ['/health', '/health'],
    ['/api/runs/12', '/api/runs/12'],
    ['/u', '/u'],
  ])('keeps the path of %s', (url, expected) => {
    expect(redactRequestPath(url)).toBe(expected);
  });
});

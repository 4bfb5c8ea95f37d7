import { BadRequestException } from '@nestjs/common';

import { RejectPrototypeKeysPipe } from '../../src/common/http/reject-prototype-keys.pipe';

describe(RejectPrototypeKeysPipe.name, () => {
  const pipe = new RejectPrototypeKeysPipe();
  const body = { type: 'body' as const };

  it.each([
    ['{"__proto__":{"x":1},"dryRun":true}', 'body.__proto__'],
    ['{"constructor":1,"dryRun":true}', 'body.constructor'],
    ['{"options":{"nested":{"prototype":{}}}}', 'body.options.nested.prototype'],
    ['{"list":[{"ok":1},{"__proto__":null}]}', 'body.list[1].__proto__'],
  ])('rejects %s', (json, path) => {
    const parsed: unknown = JSON.parse(json);

    expect(() => pipe.transform(parsed, body)).toThrow(BadRequestException);
    expect(() => pipe.transform(parsed, body)).toThrow(`${path} is not allowed`);
  });

  it('passes a plain body through unchanged', () => {
    const parsed: unknown = JSON.parse('{"dryRun":true,"tags":["a","b"],"proto":1}');

    expect(pipe.transform(parsed, body)).toBe(parsed);
  });

  it('ignores query parameters', () => {
    expect(pipe.transform({ constructor: 'x' }, { type: 'query' })).toEqual({ constructor: 'x' });
  });
});

/**
 * Jest runs the TypeScript sources through SWC. Chevrotain 11, lodash-es and the ml-*
 * numeric packages ship only ES modules, which jest's CommonJS loader cannot require, so SWC turns
 * those packages into CommonJS too. Suites that start worker threads or child
 * processes use the compiled `dist/` tree that `npm test` builds first.
 */
const swcOptions = (syntax) => ({
  jsc: {
    parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
});

const ES_MODULE_PACKAGES = ['chevrotain', '@chevrotain', 'lodash-es', 'ml-[^/]+', 'is-any-array', 'fft\.js', 'd3-[^/]+'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions('typescript')],
    '^.+\\.m?js$': ['@swc/jest', swcOptions('ecmascript')],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ES_MODULE_PACKAGES.join('|')})/)`],
  // The @chevrotain/* helpers export only an `import` condition, which jest's resolver skips.
  moduleNameMapper: { '^@chevrotain/([a-z-]+)$': '<rootDir>/node_modules/@chevrotain/$1/lib/src/api.js' },
  testTimeout: 60000,
  maxWorkers: 2,
};

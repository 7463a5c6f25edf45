/** The mini-program's jest project (listed in the root jest.config.js). */
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
];

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  transform: { '^.+\\.(t|j)sx?$': swc },
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  // @noble/* ship only ES modules; everything else in node_modules is CommonJS already.
  transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test-doubles/taro.ts',
    '^@tarojs/components$': '<rootDir>/test-doubles/components.tsx',
    '\\.(css|scss)$': '<rootDir>/test-doubles/style-stub.js',
  },
  // Like Taro's build resolves `./login-code` to `login-code.<target>.ts`, jest resolves the H5
  // variant; tests of the weapp/alipay variants import them by full name.
  haste: { defaultPlatform: 'h5', platforms: ['h5', 'weapp', 'alipay'] },
  // Taro's defineConstants (config/index.ts) in the build; a fixed origin here.
  globals: {
    GOVPASS_API_BASE: 'http://api.test',
    GOVPASS_SUBSCRIBE_TEMPLATES: { health_colour_changed: 'tmpl-health', hall_called: 'tmpl-hall' },
  },
  setupFilesAfterEnv: ['<rootDir>/test-doubles/setup.ts'],
};

// Used by Taro's webpack build only; jest transforms with @swc/jest (see jest.config.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};

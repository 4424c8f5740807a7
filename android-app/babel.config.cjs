// CommonJS because the package is "type": "module"; babel, babel-jest and Metro all find babel.config.cjs.
module.exports = {
  presets: ['module:@react-native/babel-preset'],
};

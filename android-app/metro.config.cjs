// CommonJS because the package is "type": "module". Metro's Babel transformer runs Babel with
// cwd = this folder, so Babel loads babel.config.cjs as its root config (jest's babel-jest does too).
const path = require('node:path');
const { getDefaultConfig, mergeConfig } = require('@react-native/metro-config');

const projectRoot = __dirname;
const workspaceRoot = path.resolve(projectRoot, '..');

/** @type {import('@react-native/metro-config').MetroConfig} */
const config = {
  // npm workspaces hoist packages to the repo root: Metro must watch and resolve from there too.
  watchFolders: [workspaceRoot],
  resolver: {
    nodeModulesPaths: [path.join(projectRoot, 'node_modules'), path.join(workspaceRoot, 'node_modules')],
    blockList: [/\/android-app\/src\/.*\.test\.tsx?$/, /\/android-app\/web\//],
  },
};

module.exports = mergeConfig(getDefaultConfig(projectRoot), config);

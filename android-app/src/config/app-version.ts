// The app's version has one home, app.json (bundled with the app already, for its name); the engine's
// User-Agent and Gradle's versionName read it. The workspace's package.json carries none.
import appConfig from '../../app.json';

export const appVersion: string = appConfig.version;

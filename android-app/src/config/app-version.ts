// The app's version has one home, android-app/package.json; the engine's User-Agent and Gradle read it.
import appPackage from '../../package.json';

export const appVersion: string = appPackage.version;

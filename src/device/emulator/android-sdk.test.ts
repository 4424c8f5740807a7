import { describe, expect, it } from 'vitest';
import { findAndroidSdk, parseAvdList, sdkTools } from './android-sdk';

describe('findAndroidSdk', () => {
  const exists = (paths: string[]) => (path: string) => paths.includes(path);

  it('prefers ANDROID_HOME over ANDROID_SDK_ROOT', () => {
    expect(findAndroidSdk({ ANDROID_HOME: '/a', ANDROID_SDK_ROOT: '/b' }, '/home/q', exists(['/a', '/b']))).toEqual({
      root: '/a',
      source: 'ANDROID_HOME',
    });
  });

  it("falls back to Android Studio's default folder", () => {
    expect(findAndroidSdk({}, '/home/q', exists(['/home/q/Android/Sdk']))).toEqual({
      root: '/home/q/Android/Sdk',
      source: '~/Android/Sdk',
    });
  });

  it('skips a setting that names a folder that does not exist', () => {
    expect(findAndroidSdk({ ANDROID_HOME: '/gone' }, '/home/q', exists([]))).toBeNull();
  });

  it('knows where each tool lives in the SDK', () => {
    expect(sdkTools({ root: '/sdk', source: 'ANDROID_HOME' })).toMatchObject({
      adb: '/sdk/platform-tools/adb',
      emulator: '/sdk/emulator/emulator',
    });
  });
});

describe('parseAvdList', () => {
  it("reads AVD names and ignores the emulator's own log lines", () => {
    const output =
      'INFO    | Storing crashdata in: /tmp/android-q/emu-crash.db\nPixel_7_API_35\nsmsgw\n\nWARNING | something\n';
    expect(parseAvdList(output)).toEqual(['Pixel_7_API_35', 'smsgw']);
  });
});

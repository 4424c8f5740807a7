import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { PermissionsAndroid, Platform } from 'react-native';
import { androidApiLevel, androidPermissions } from './native-modules';

// Jest's react-native is iOS and has no native permission module: these stand in for an Android phone.
function onAndroid(apiLevel: number) {
  jest.replaceProperty(Platform, 'OS', 'android');
  jest.spyOn(Platform, 'Version', 'get').mockReturnValue(apiLevel);
  const request = jest.spyOn(PermissionsAndroid, 'request').mockResolvedValue(PermissionsAndroid.RESULTS.GRANTED);
  jest.spyOn(PermissionsAndroid, 'check').mockResolvedValue(false);
  return request;
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe("the Android permissions' adapter", () => {
  it('never asks for POST_NOTIFICATIONS below Android 13, nor counts it missing', async () => {
    const request = onAndroid(32);
    expect(await androidPermissions.request('notifications')).toBe('granted');
    expect(await androidPermissions.missing()).toEqual(['receive-sms']);
    expect(request).not.toHaveBeenCalled();
  });

  it('asks for POST_NOTIFICATIONS alone from Android 13 on', async () => {
    const request = onAndroid(33);
    expect(await androidPermissions.request('notifications')).toBe('granted');
    expect(request.mock.calls.map(([permission]) => permission)).toEqual(['android.permission.POST_NOTIFICATIONS']);
  });

  it("hands Android's never_ask_again through, so the app can show the way to its settings", async () => {
    onAndroid(35).mockResolvedValue(PermissionsAndroid.RESULTS.NEVER_ASK_AGAIN);
    expect(await androidPermissions.request('receive-sms')).toBe('never_ask_again');
    expect(androidApiLevel()).toBe(35);
  });
});

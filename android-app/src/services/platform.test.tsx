import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { NativeModules } from 'react-native';
import { deviceSetup } from './platform';

// platform.ts opens the database and NetInfo only when the app service is built; these stand in for
// their native halves, which Jest does not have, so importing it loads no native code.
jest.mock('@op-engineering/op-sqlite', () => ({ open: jest.fn() }));
jest.mock('@react-native-community/netinfo', () => ({ __esModule: true, default: {} }));

const modules = NativeModules as Record<string, unknown>;
afterEach(() => {
  delete modules.SmsgwSystem;
});

describe("the platform's device setup", () => {
  it("runs Retry now through the native module's WorkManager trigger", async () => {
    const scheduleRetryNow = jest.fn(async () => undefined);
    modules.SmsgwSystem = { scheduleRetryNow };
    await deviceSetup.retryNow();
    expect(scheduleRetryNow).toHaveBeenCalledTimes(1);
  });

  it('fails Retry now loudly when the native module is missing', async () => {
    await expect(deviceSetup.retryNow()).rejects.toThrow('Native module SmsgwSystem is not linked');
  });
});

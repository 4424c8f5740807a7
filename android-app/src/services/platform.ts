// Wires the real adapters (op-sqlite, fetch, NetInfo, the Kotlin modules) into the app's one service.
// Imported only by index.js and App.tsx: screens get the service through context, never from here.
import { open } from '@op-engineering/op-sqlite';
import NetInfo from '@react-native-community/netinfo';
import { Linking } from 'react-native';
import { appDefaults } from '../config/app-defaults';
import { cleartextCheck } from './cleartext-policy';
import { createFetchTransport } from './fetch-transport';
import { createAppService, type DeviceSetup, type RunningAppService } from './app-service';
import {
  androidApiLevel,
  androidPermissions,
  nativeInbox,
  nativePendingConfiguration,
  nativeRecoveryLedger,
  nativeSmsStore,
  nativeSystem,
  readSmsPermission,
} from './native-modules';
import { createNetInfoNetwork } from './netinfo-network';
import { getLogger } from './logger';
import { configureConnection, createOpSqliteDb } from './op-sqlite-db';

let service: Promise<RunningAppService> | null = null;

const newDeviceId = () => `android-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

async function build(): Promise<RunningAppService> {
  const db = createOpSqliteDb(open({ name: appDefaults.databaseName }));
  await configureConnection(db, { busyTimeoutMs: appDefaults.busyTimeoutMs });
  // One answer per host for Settings and the transport alike: the APK's network security config decides.
  const cleartext = cleartextCheck((host) => nativeSystem().isCleartextTrafficPermitted(host));
  return createAppService({
    db,
    transport: createFetchTransport({ cleartext }),
    cleartext,
    inbox: nativeInbox(),
    network: await createNetInfoNetwork(NetInfo),
    logger: getLogger('engine'),
    newDeviceId,
    recovery: {
      store: nativeSmsStore(),
      ledger: nativeRecoveryLedger(),
      readSmsGranted: () => readSmsPermission.granted(),
      logger: getLogger('recovery'),
    },
    pendingConfiguration: nativePendingConfiguration(),
  });
}

/** The app service, built once per JS runtime (the UI and the headless task share it). */
export function getAppService(): Promise<RunningAppService> {
  service ??= build().catch((error: unknown) => {
    service = null; // let the next caller try again rather than caching the failure
    throw error;
  });
  return service;
}

export const deviceSetup: DeviceSetup = {
  apiLevel: androidApiLevel(),
  missingPermissions: () => androidPermissions.missing(),
  requestPermission: (permission) => androidPermissions.request(permission),
  // ACTION_APPLICATION_DETAILS_SETTINGS for this package: App info, with Permissions and the ⋮ menu.
  openAppSettings: () => Linking.openSettings(),
  isIgnoringBatteryOptimizations: () => nativeSystem().isIgnoringBatteryOptimizations(),
  requestIgnoreBatteryOptimizations: () => nativeSystem().requestIgnoreBatteryOptimizations(),
  readSmsGranted: () => readSmsPermission.granted(),
  requestReadSms: () => readSmsPermission.request(),
  retryNow: async () => nativeSystem().scheduleRetryNow(),
};

export { nativeSystem };

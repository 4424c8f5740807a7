// Wires the real adapters (op-sqlite, fetch, NetInfo, the Kotlin modules) into the app's one service.
// Imported only by index.js and App.tsx: screens get the service through context, never from here.
import { open } from '@op-engineering/op-sqlite';
import NetInfo from '@react-native-community/netinfo';
import { appDefaults } from '../config/app-defaults';
import { createFetchTransport } from './fetch-transport';
import { createAppService, type DeviceSetup, type RunningAppService } from './app-service';
import {
  androidPermissions,
  nativeInbox,
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
  return createAppService({
    db,
    transport: createFetchTransport(),
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
  missingPermissions: () => androidPermissions.missing(),
  requestPermissions: () => androidPermissions.request(),
  isIgnoringBatteryOptimizations: () => nativeSystem().isIgnoringBatteryOptimizations(),
  requestIgnoreBatteryOptimizations: () => nativeSystem().requestIgnoreBatteryOptimizations(),
  readSmsGranted: () => readSmsPermission.granted(),
  requestReadSms: () => readSmsPermission.request(),
};

export { nativeSystem };

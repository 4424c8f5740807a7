// The screens' only way to the app service and the phone: injected through React context, so a screen
// test passes fakes and no screen imports an adapter or a native module.
import { createContext, useContext } from 'react';
import type { AppService, DeviceSetup } from './app-service';

export interface AppPorts {
  readonly appService: AppService;
  readonly device: DeviceSetup;
}

export const AppPortsContext = createContext<AppPorts | null>(null);

/** The injected ports; throws when a screen is rendered outside <AppPortsContext.Provider>. */
export function useAppPorts(): AppPorts {
  const ports = useContext(AppPortsContext);
  if (ports === null) throw new Error('No app service: render screens inside <AppPortsContext.Provider value={…}>');
  return ports;
}

export const useAppService = (): AppService => useAppPorts().appService;

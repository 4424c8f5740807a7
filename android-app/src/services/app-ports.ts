// The screens' only way to the gateway and the phone: injected, so a screen test passes fakes and no
// screen imports an adapter or a native module (STYLE §9).
import { createContext, useContext } from 'react';
import type { DeviceSetup, GatewayApi } from '../services/gateway-api';

export interface AppPorts {
  readonly gateway: GatewayApi;
  readonly device: DeviceSetup;
}

export const GatewayContext = createContext<AppPorts | null>(null);

/** The injected ports; throws when a screen is rendered outside <GatewayContext.Provider>. */
export function useAppPorts(): AppPorts {
  const ports = useContext(GatewayContext);
  if (ports === null) throw new Error('No gateway: render screens inside <GatewayContext.Provider value={…}>');
  return ports;
}

export const useGateway = (): GatewayApi => useAppPorts().gateway;

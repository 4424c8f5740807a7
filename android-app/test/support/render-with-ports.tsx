// Test helper: renders a screen inside the gateway context with fakes.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react-native';
import { GatewayContext } from '../../src/app/gateway-context';
import { FakeDeviceSetup, FakeGatewayApi } from './fake-gateway-api';

export function renderWithPorts(element: ReactElement, gateway = new FakeGatewayApi(), device = new FakeDeviceSetup()) {
  const result = render(<GatewayContext.Provider value={{ gateway, device }}>{element}</GatewayContext.Provider>);
  return { ...result, gateway, device };
}

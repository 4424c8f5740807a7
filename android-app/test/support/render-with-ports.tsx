// Test helper: renders a screen inside the app ports' context with fakes.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react-native';
import { AppPortsContext } from '../../src/services/app-ports';
import { FakeAppService, FakeDeviceSetup } from './fake-app-service';

export function renderWithPorts(
  element: ReactElement,
  appService = new FakeAppService(),
  device = new FakeDeviceSetup(),
) {
  const result = render(<AppPortsContext.Provider value={{ appService, device }}>{element}</AppPortsContext.Provider>);
  return { ...result, appService, device };
}

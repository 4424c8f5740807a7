import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { FakeDeviceSetup, FakeAppService } from '../../test/support/fake-app-service';
import { AppShell } from './AppShell';
import type { LinkingLike } from './use-deep-link';

function fakeLinking(initial: string | null = null) {
  let handler: (event: { url: string }) => void = () => {};
  let removed = false;
  const linking: LinkingLike = {
    getInitialURL: async () => initial,
    addEventListener: (_type, listener) => {
      handler = listener;
      return { remove: () => void (removed = true) };
    },
  };
  return { linking, open: (url: string) => handler({ url }), removed: () => removed };
}

function renderShell(
  linking = fakeLinking().linking,
  appService = new FakeAppService(),
  device = new FakeDeviceSetup(),
) {
  render(<AppShell ports={{ appService, device }} linking={linking} />);
  return { appService, device };
}

describe('AppShell', () => {
  it('opens on the Health screen and moves between tabs', async () => {
    renderShell();
    expect(await screen.findByTestId('health-screen')).toBeTruthy();
    fireEvent.press(screen.getByTestId('tab-messages'));
    expect(await screen.findByTestId('messages-screen')).toBeTruthy();
    fireEvent.press(screen.getByTestId('tab-errors'));
    expect(await screen.findByTestId('errors-screen')).toBeTruthy();
    fireEvent.press(screen.getByTestId('tab-settings'));
    expect(await screen.findByTestId('settings-screen')).toBeTruthy();
    expect(screen.getByTestId('tab-settings').props.accessibilityState).toMatchObject({ selected: true });
  });

  it('configures the gateway from the link the app was opened with', async () => {
    const { appService } = renderShell(
      fakeLinking('smsgw://configure?url=https%3A%2F%2Fhooks.example%2Fsms&secret=k').linking,
    );
    expect((await screen.findByTestId('deep-link-result')).props.children).toBe(
      'Configured: webhook https://hooks.example/sms',
    );
    expect(appService.saved).toEqual([{ webhookUrl: 'https://hooks.example/sms', secret: 'k' }]);
  });

  it('configures the gateway from a link that arrives while the app runs', async () => {
    const links = fakeLinking();
    const { appService } = renderShell(links.linking);
    await screen.findByTestId('health-screen');
    links.open('smsgw://configure?url=http%3A%2F%2F127.0.0.1%3A9000%2Fhook');
    expect(await screen.findByText('Configured: webhook http://127.0.0.1:9000/hook')).toBeTruthy();
    expect(appService.settingsValue.webhookUrl).toBe('http://127.0.0.1:9000/hook');
  });

  it('refuses an invalid link, says why, and changes nothing', async () => {
    const { appService } = renderShell(fakeLinking('smsgw://configure?url=ftp%3A%2F%2Fx').linking);
    expect((await screen.findByTestId('deep-link-result')).props.children).toBe(
      'Link not applied: Expected `webhookUrl` to be an http(s) URL, got "ftp://x"',
    );
    expect(appService.saved).toEqual([]);
  });

  it('asks for missing permissions and hides the prompt once they are granted', async () => {
    const device = new FakeDeviceSetup();
    device.missing = ['receive-sms', 'notifications'];
    renderShell(undefined, undefined, device);
    expect((await screen.findByTestId('onboarding-missing')).props.children).toBe(
      'The gateway needs permission to receive SMS and show notifications.',
    );
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    await waitFor(() => expect(screen.queryByTestId('onboarding-prompt')).toBeNull());
  });

  it('asks for the battery-optimisation exemption until it is granted', async () => {
    const device = new FakeDeviceSetup();
    device.batteryExempt = false;
    renderShell(undefined, undefined, device);
    fireEvent.press(await screen.findByTestId('onboarding-battery'));
    await waitFor(() => expect(screen.queryByTestId('onboarding-battery')).toBeNull());
  });
});

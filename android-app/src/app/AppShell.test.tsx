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

  it('shows what a link would change and writes nothing until Apply', async () => {
    const appService = new FakeAppService();
    appService.settingsValue = { ...appService.settingsValue, webhookUrl: 'https://ours.example/sms', secret: 'old' };
    renderShell(
      fakeLinking('smsgw://configure?url=https%3A%2F%2Fhooks.example%3A8443%2Fsms&secret=t0ps3cret').linking,
      appService,
    );
    expect(await screen.findByTestId('configure-confirmation')).toBeTruthy();
    expect(screen.getByTestId('configure-host').props.children).toBe('hooks.example:8443');
    expect(screen.getByTestId('configure-url').props.children).toBe('https://hooks.example:8443/sms');
    expect(screen.getByTestId('configure-current').props.children).toBe('Now: ours.example');
    expect(screen.getByTestId('configure-secret').props.children).toBe(
      'Secret: replaced by the one in the link (not shown)',
    );
    expect(screen.queryByText(/t0ps3cret/)).toBeNull();
    expect(appService.saved).toEqual([]);
    expect(appService.settingsValue.webhookUrl).toBe('https://ours.example/sms');

    fireEvent.press(screen.getByTestId('configure-apply'));
    expect((await screen.findByTestId('deep-link-result')).props.children).toBe(
      'Configured: webhook https://hooks.example:8443/sms',
    );
    expect(appService.saved).toEqual([{ webhookUrl: 'https://hooks.example:8443/sms', secret: 't0ps3cret' }]);
    expect(screen.queryByTestId('configure-confirmation')).toBeNull();
  });

  it('leaves the settings untouched when the user cancels a link that arrived while the app runs', async () => {
    const links = fakeLinking();
    const { appService } = renderShell(links.linking);
    await screen.findByTestId('health-screen');
    links.open('smsgw://configure?url=http%3A%2F%2F127.0.0.1%3A9000%2Fhook&secret=s3cret');
    expect((await screen.findByTestId('configure-host')).props.children).toBe('127.0.0.1:9000');
    expect(screen.getByTestId('configure-current').props.children).toBe('Now: no webhook is configured');
    expect(screen.getByTestId('configure-secret').props.children).toBe(
      'Secret: set to the one in the link (not shown)',
    );
    expect(screen.getAllByTestId('configure-warning').map((w) => w.props.children)).toEqual([
      'http://: the SMS would cross the network unencrypted.',
    ]);
    fireEvent.press(screen.getByTestId('configure-cancel'));
    expect((await screen.findByTestId('deep-link-result')).props.children).toBe('Link cancelled: settings unchanged');
    expect(screen.queryByTestId('configure-confirmation')).toBeNull();
    expect(appService.saved).toEqual([]);
    expect(appService.settingsValue).toMatchObject({ webhookUrl: '', secret: '' });
  });

  it('names the host a URL really reaches, not the name put before it', async () => {
    renderShell(fakeLinking('smsgw://configure?url=https%3A%2F%2Fbank.example%40Evil.example%2Fsms').linking);
    expect((await screen.findByTestId('configure-host')).props.children).toBe('evil.example');
    expect(screen.getByTestId('configure-secret').props.children).toBe('Secret: unchanged (the link carries none)');
    expect(screen.getAllByTestId('configure-warning').map((w) => w.props.children)).toEqual([
      'The URL puts a name before the host (…@): the SMS would go to evil.example, not to that name.',
    ]);
  });

  it('keeps the link the user is reading when another arrives, and applies only that one', async () => {
    const links = fakeLinking('smsgw://configure?url=https%3A%2F%2Ffirst.example%2Fsms');
    const { appService } = renderShell(links.linking);
    expect((await screen.findByTestId('configure-host')).props.children).toBe('first.example');
    links.open('smsgw://configure?url=https%3A%2F%2Fsecond.example%2Fsms');
    expect(
      await screen.findByText('Link ignored: another link was waiting; open it again after that one'),
    ).toBeTruthy();
    expect(screen.getByTestId('configure-host').props.children).toBe('first.example');
    fireEvent.press(screen.getByTestId('configure-apply'));
    expect(await screen.findByText('Configured: webhook https://first.example/sms')).toBeTruthy();
    expect(appService.saved).toEqual([{ webhookUrl: 'https://first.example/sms' }]);
  });

  it('writes once however often Apply is pressed', async () => {
    const { appService } = renderShell(fakeLinking('smsgw://configure?url=https%3A%2F%2Fh.example%2F').linking);
    const apply = await screen.findByTestId('configure-apply');
    fireEvent.press(apply);
    fireEvent.press(apply);
    await screen.findByTestId('deep-link-result');
    expect(appService.saved).toEqual([{ webhookUrl: 'https://h.example/' }]);
  });

  it('refuses an invalid link, says why, and asks nothing', async () => {
    const { appService } = renderShell(fakeLinking('smsgw://configure?url=ftp%3A%2F%2Fx').linking);
    expect((await screen.findByTestId('deep-link-result')).props.children).toBe(
      'Link not applied: Expected `webhookUrl` to be an http(s) URL, got "ftp://x"',
    );
    expect(screen.queryByTestId('configure-confirmation')).toBeNull();
    expect(appService.saved).toEqual([]);
  });

  it('asks for the SMS permission alone and hides the prompt once it is granted', async () => {
    const device = new FakeDeviceSetup();
    device.missing = ['receive-sms', 'notifications'];
    renderShell(undefined, undefined, device);
    expect((await screen.findByTestId('onboarding-missing')).props.children).toBe(
      'The gateway needs permission to receive SMS.',
    );
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    await waitFor(() => expect(screen.queryByTestId('onboarding-prompt')).toBeNull());
    expect(device.requested).toEqual(['receive-sms']);
  });

  it('asks for the battery-optimisation exemption until it is granted', async () => {
    const device = new FakeDeviceSetup();
    device.batteryExempt = false;
    renderShell(undefined, undefined, device);
    fireEvent.press(await screen.findByTestId('onboarding-battery'));
    await waitFor(() => expect(screen.queryByTestId('onboarding-battery')).toBeNull());
  });
});

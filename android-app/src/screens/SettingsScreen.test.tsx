import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { FakeAppService, FakeDeviceSetup } from '../../test/support/fake-app-service';
import { renderWithPorts } from '../../test/support/render-with-ports';
import { SettingsScreen } from './SettingsScreen';

describe('SettingsScreen', () => {
  it('shows the stored settings', async () => {
    const appService = new FakeAppService();
    appService.settingsValue = { ...appService.settingsValue, webhookUrl: 'https://hooks.example/sms', maxAttempts: 9 };
    renderWithPorts(<SettingsScreen />, appService);
    expect((await screen.findByTestId('settings-webhook-url')).props.value).toBe('https://hooks.example/sms');
    expect(screen.getByTestId('settings-max-attempts').props.value).toBe('9');
  });

  it('saves the webhook URL, secret and dead-letter limits', async () => {
    const { appService } = renderWithPorts(<SettingsScreen />);
    fireEvent.changeText(await screen.findByTestId('settings-webhook-url'), ' https://hooks.example/in ');
    fireEvent.changeText(screen.getByTestId('settings-secret'), 'k3y');
    fireEvent.changeText(screen.getByTestId('settings-max-age-days'), '7');
    fireEvent.changeText(screen.getByTestId('settings-max-attempts'), '20');
    fireEvent.press(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('settings-saved')).toBeTruthy();
    expect(appService.saved).toEqual([
      { webhookUrl: 'https://hooks.example/in', secret: 'k3y', maxAgeDays: 7, maxAttempts: 20 },
    ]);
  });

  it('lists every problem and saves nothing when the input is invalid', async () => {
    const { appService } = renderWithPorts(<SettingsScreen />);
    fireEvent.changeText(await screen.findByTestId('settings-webhook-url'), 'hooks.example');
    fireEvent.changeText(screen.getByTestId('settings-max-attempts'), '');
    fireEvent.press(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getAllByTestId('settings-problem')).toHaveLength(2));
    expect(screen.getAllByTestId('settings-problem').map((node) => node.props.children)).toEqual([
      'Expected `webhookUrl` to be an http(s) URL, got "hooks.example"',
      'Expected `maxAttempts` to be a positive integer, got NaN',
    ]);
    expect(appService.saved).toEqual([]);
    expect(screen.queryByTestId('settings-saved')).toBeNull();
  });

  it('shows the classified result of a test webhook', async () => {
    const appService = new FakeAppService();
    appService.testOutcome = {
      kind: 'retry',
      category: 'http-transient',
      error: 'HTTP 503: down',
      httpStatus: 503,
      retryAfterMs: null,
    };
    renderWithPorts(<SettingsScreen />, appService);
    fireEvent.press(await screen.findByTestId('settings-test-webhook'));
    expect((await screen.findByTestId('test-webhook-result')).props.children).toBe(
      'Would retry (http-transient): HTTP 503: down',
    );
  });

  it('says plainly when the test webhook was delivered', async () => {
    renderWithPorts(<SettingsScreen />);
    fireEvent.press(await screen.findByTestId('settings-test-webhook'));
    expect(await screen.findByText('Delivered (HTTP 200)')).toBeTruthy();
  });

  it('pauses and resumes forwarding', async () => {
    const { appService } = renderWithPorts(<SettingsScreen />);
    expect(await screen.findByText('Forwarding active')).toBeTruthy();
    fireEvent.press(screen.getByTestId('settings-pause-toggle'));
    expect(await screen.findByText('Forwarding paused')).toBeTruthy();
    expect(appService.settingsValue.paused).toBe(true);
    fireEvent.press(screen.getByTestId('settings-pause-toggle'));
    expect(await screen.findByText('Forwarding active')).toBeTruthy();
  });

  it('says why recovery needs READ_SMS', async () => {
    renderWithPorts(<SettingsScreen />);
    expect((await screen.findByTestId('settings-recover-why')).props.children).toBe(
      "Needs READ_SMS: reads the phone's SMS inbox to find SMS that arrived while the app was force-stopped; nothing else is read or sent.",
    );
  });

  it('persists the recovery switch and shows it off', async () => {
    const device = new FakeDeviceSetup();
    device.readSms = true;
    const { appService } = renderWithPorts(<SettingsScreen />, new FakeAppService(), device);
    expect((await screen.findByTestId('settings-recover-state')).props.children).toBe('On');
    expect(screen.getByTestId('settings-recover-switch').props.value).toBe(true);
    fireEvent(screen.getByTestId('settings-recover-switch'), 'valueChange', false);
    await waitFor(() => expect(screen.getByTestId('settings-recover-state').props.children).toBe('Off'));
    expect(appService.saved).toEqual([{ recoverMissedSms: false }]);
    expect(appService.settingsValue.recoverMissedSms).toBe(false);
    expect(screen.getByTestId('settings-recover-switch').props.value).toBe(false);
  });

  it('says when recovery is on but READ_SMS is not granted, and asks for it', async () => {
    const device = new FakeDeviceSetup();
    renderWithPorts(<SettingsScreen />, new FakeAppService(), device);
    await waitFor(() =>
      expect(screen.getByTestId('settings-recover-state').props.children).toBe(
        'On, but READ_SMS is not granted: nothing is recovered',
      ),
    );
    fireEvent.press(screen.getByTestId('settings-read-sms-request'));
    await waitFor(() => expect(screen.getByTestId('settings-recover-state').props.children).toBe('On'));
    expect(device.readSmsRequests).toBe(1);
    expect(screen.queryByTestId('settings-read-sms-request')).toBeNull();
  });

  it('keeps saying READ_SMS is missing when the request is denied', async () => {
    const device = new FakeDeviceSetup();
    device.readSmsAfterRequest = false;
    renderWithPorts(<SettingsScreen />, new FakeAppService(), device);
    fireEvent.press(await screen.findByTestId('settings-read-sms-request'));
    await waitFor(() => expect(device.readSmsRequests).toBe(1));
    expect(screen.getByTestId('settings-recover-state').props.children).toBe(
      'On, but READ_SMS is not granted: nothing is recovered',
    );
    expect(screen.getByTestId('settings-read-sms-request')).toBeTruthy();
  });

  it('shows the way to App info once READ_SMS is refused, since Android may have shown no dialog', async () => {
    const device = new FakeDeviceSetup();
    device.readSmsAfterRequest = false;
    renderWithPorts(<SettingsScreen />, new FakeAppService(), device);
    await screen.findByTestId('settings-read-sms-request');
    expect(screen.queryByTestId('settings-read-sms-settings')).toBeNull();
    fireEvent.press(screen.getByTestId('settings-read-sms-request'));
    expect((await screen.findByTestId('settings-read-sms-refused')).props.children).toContain(
      'Allow restricted settings',
    );
    fireEvent.press(screen.getByTestId('settings-read-sms-settings'));
    expect(device.settingsOpened).toBe(1);
  });
});

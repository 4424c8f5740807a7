import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { FakeAppService } from '../../test/support/fake-app-service';
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
});

import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { FakeAppService, FakeDeviceSetup } from '../../test/support/fake-app-service';
import { renderWithPorts } from '../../test/support/render-with-ports';
import { ForwardingNotificationCard } from './ForwardingNotificationCard';
import { SettingsScreen } from './SettingsScreen';

function phone(apiLevel: number): FakeDeviceSetup {
  const device = new FakeDeviceSetup();
  device.apiLevel = apiLevel;
  device.missing = ['notifications'];
  return device;
}

const state = () => screen.getByTestId('settings-notification-state').props.children as string;
const switchOn = () => fireEvent(screen.getByTestId('settings-notification-switch'), 'valueChange', true);

describe('ForwardingNotificationCard', () => {
  it('asks for the notification permission only when switched on', async () => {
    const device = phone(33);
    renderWithPorts(<SettingsScreen />, new FakeAppService(), device);
    expect((await screen.findByTestId('settings-notification-state')).props.children).toBe('Off');
    expect(device.requested).toEqual([]);
    switchOn();
    await waitFor(() => expect(screen.getByTestId('settings-notification-switch').props.value).toBe(true));
    expect(device.requested).toEqual(['notifications']);
    expect(state()).toContain('On');
  });

  it('remembers a refusal in the settings and shows the switch off', async () => {
    const device = phone(34);
    device.answers.notifications = 'denied';
    const { appService } = renderWithPorts(<ForwardingNotificationCard />, new FakeAppService(), device);
    await screen.findByTestId('settings-notification-switch');
    switchOn();
    await waitFor(() => expect(state()).toContain('Off: notifications were refused'));
    expect(appService.saved).toEqual([{ notificationDeclined: true }]);
    expect(screen.getByTestId('settings-notification-switch').props.value).toBe(false);
  });

  it('opens the app settings when Android no longer shows the dialog', async () => {
    const device = phone(35);
    device.answers.notifications = 'never_ask_again';
    renderWithPorts(<ForwardingNotificationCard />, new FakeAppService(), device);
    await screen.findByTestId('settings-notification-switch');
    switchOn();
    fireEvent.press(await screen.findByTestId('settings-notification-open-settings'));
    expect(device.settingsOpened).toBe(1);
    expect(state()).toContain('Open app settings → Notifications');
  });

  it('asks nothing below Android 13, where the notification shows without a permission', async () => {
    const device = phone(32);
    device.missing = [];
    renderWithPorts(<ForwardingNotificationCard />, new FakeAppService(), device);
    expect((await screen.findByTestId('settings-notification-state')).props.children).toBe(
      'On: Android 12 and older show it without asking',
    );
    expect(screen.getByTestId('settings-notification-switch').props.disabled).toBe(true);
    expect(device.requested).toEqual([]);
  });

  it('leaves turning it off to Android: switching off opens the app settings', async () => {
    const device = phone(34);
    device.missing = [];
    renderWithPorts(<ForwardingNotificationCard />, new FakeAppService(), device);
    await waitFor(() => expect(screen.getByTestId('settings-notification-switch').props.value).toBe(true));
    fireEvent(screen.getByTestId('settings-notification-switch'), 'valueChange', false);
    expect(device.settingsOpened).toBe(1);
    expect(device.requested).toEqual([]);
  });
});

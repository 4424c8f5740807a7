import type { jest } from '@jest/globals';
import { describe, expect, it } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { AppState, type AppStateStatus } from 'react-native';
import { FakeDeviceSetup } from '../../test/support/fake-app-service';
import { OnboardingPrompt } from './OnboardingPrompt';

/** A phone that counts the checks the card makes, so a test can wait for one to finish. */
class CountingDevice extends FakeDeviceSetup {
  batteryChecks = 0;
  override async isIgnoringBatteryOptimizations() {
    this.batteryChecks++;
    return super.isIgnoringBatteryOptimizations();
  }
}

function phone(apiLevel: number, missing: CountingDevice['missing']): CountingDevice {
  const device = new CountingDevice();
  device.apiLevel = apiLevel;
  device.missing = missing;
  return device;
}

/** Renders the card and waits until its first check has landed. */
async function start(device: CountingDevice) {
  const checks = device.batteryChecks;
  const view = render(<OnboardingPrompt device={device} />);
  await waitFor(() => expect(device.batteryChecks).toBe(checks + 1));
  await act(async () => {}); // the check's state update
  return view;
}

/** The app comes back to the front: AppState is Jest's mock here, the card registered last. */
function comeBack() {
  const calls = (AppState.addEventListener as jest.Mock<typeof AppState.addEventListener>).mock.calls;
  const listener = calls.filter(([type]) => type === 'change').at(-1)?.[1] as (state: AppStateStatus) => void;
  listener('active');
}

describe('OnboardingPrompt', () => {
  it('after "never ask again" says why SMS matter and opens the app\'s settings', async () => {
    const device = phone(35, ['receive-sms']);
    device.answers['receive-sms'] = 'never_ask_again';
    await start(device);
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    expect((await screen.findByTestId('onboarding-why')).props.children).toContain('nothing is forwarded');
    expect(screen.getByTestId('onboarding-blocked-steps').props.children).toContain(
      'Open app settings → Permissions → SMS → Allow',
    );
    expect(screen.getByTestId('onboarding-restricted-settings').props.children).toContain('Allow restricted settings');
    expect(screen.queryByTestId('onboarding-grant-permissions')).toBeNull();
    fireEvent.press(screen.getByTestId('onboarding-open-settings'));
    expect(device.settingsOpened).toBe(1);
  });

  it('leaves restricted settings out below Android 13, where they do not exist', async () => {
    const device = phone(30, ['receive-sms']);
    device.answers['receive-sms'] = 'never_ask_again';
    await start(device);
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    expect(await screen.findByTestId('onboarding-open-settings')).toBeTruthy();
    expect(screen.queryByTestId('onboarding-restricted-settings')).toBeNull();
  });

  it('keeps asking after a refusal in the dialog, which Android will show again', async () => {
    const device = phone(34, ['receive-sms']);
    device.answers['receive-sms'] = 'denied';
    await start(device);
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    await waitFor(() => expect(device.requested).toEqual(['receive-sms']));
    expect(screen.getByTestId('onboarding-grant-permissions')).toBeTruthy();
    expect(screen.queryByTestId('onboarding-open-settings')).toBeNull();
  });

  it('closes when the user comes back from the settings with the permission granted', async () => {
    const device = phone(35, ['receive-sms']);
    device.answers['receive-sms'] = 'never_ask_again';
    await start(device);
    fireEvent.press(screen.getByTestId('onboarding-grant-permissions'));
    await screen.findByTestId('onboarding-open-settings');
    device.missing = []; // granted by hand in App info
    act(() => comeBack());
    await waitFor(() => expect(screen.queryByTestId('onboarding-prompt')).toBeNull());
  });

  it('stays closed with notifications refused, and asks for nothing on this start or the next', async () => {
    const device = phone(34, ['notifications']);
    device.answers.notifications = 'denied';
    const first = await start(device);
    expect(screen.queryByTestId('onboarding-prompt')).toBeNull();
    first.unmount();
    await start(device);
    expect(screen.queryByTestId('onboarding-prompt')).toBeNull();
    expect(device.requested).toEqual([]);
  });
});

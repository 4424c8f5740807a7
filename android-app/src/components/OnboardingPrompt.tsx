// Asks for what background delivery needs: RECEIVE_SMS and the battery-optimisation exemption (without
// it Doze delays WorkManager for hours). Hidden once both are there. Notifications are not asked here:
// the forwarding notification is optional and asked from Settings, so a refused one never holds this card
// open. Once Android stops showing the SMS dialog, the card says why the permission matters and opens the
// app's page in the system settings, where it can still be granted by hand.
import { useCallback, useEffect, useState } from 'react';
import { AppState, StyleSheet, Text } from 'react-native';
import type { DeviceSetup } from '../services/app-service';
import {
  RECEIVE_SMS_WHY,
  receiverBlockedHelp,
  requestReceiverPermission,
  type ReceiverPermissionState,
} from '../services/receiver-permission';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Button } from './Button';
import { Card } from './Card';

type Props = {
  readonly device: DeviceSetup;
};

function useOnboarding(device: DeviceSetup) {
  const [receiver, setReceiver] = useState<ReceiverPermissionState>('granted');
  const [batteryExempt, setBatteryExempt] = useState(true);

  const check = useCallback(async () => {
    const missing = (await device.missingPermissions()).includes('receive-sms');
    // Blocked stays blocked until granted: asking again would only get the same silent refusal.
    setReceiver((current) => (!missing ? 'granted' : current === 'blocked' ? 'blocked' : 'missing'));
    setBatteryExempt(await device.isIgnoringBatteryOptimizations());
  }, [device]);

  useEffect(() => {
    const recheck = () => void check().catch(() => undefined); // no native side (web, a test): nothing to ask
    recheck();
    // A permission granted by hand in App info shows here when the user comes back to the app.
    const subscription = AppState.addEventListener('change', (state) => state === 'active' && recheck());
    return () => subscription.remove();
  }, [check]);

  const grant = useCallback(async () => setReceiver(await requestReceiverPermission(device)), [device]);
  return { receiver, batteryExempt, grant, check };
}

function ReceiverBlocked({ device }: Props) {
  const help = receiverBlockedHelp(device.apiLevel);
  return (
    <>
      <Text testID="onboarding-why" style={styles.text}>
        {RECEIVE_SMS_WHY}
      </Text>
      <Text testID="onboarding-blocked-steps" style={styles.text}>
        {help.steps}
      </Text>
      {help.restricted !== null ? (
        <Text testID="onboarding-restricted-settings" style={styles.text}>
          {help.restricted}
        </Text>
      ) : null}
      <Button
        testID="onboarding-open-settings"
        label="Open app settings"
        onPress={() => void device.openAppSettings()}
      />
    </>
  );
}

export function OnboardingPrompt({ device }: Props) {
  const { receiver, batteryExempt, grant, check } = useOnboarding(device);
  if (receiver === 'granted' && batteryExempt) return null;
  return (
    <Card style={styles.card} testID="onboarding-prompt">
      {receiver === 'missing' ? (
        <>
          <Text testID="onboarding-missing" style={styles.text}>
            The gateway needs permission to receive SMS.
          </Text>
          <Button testID="onboarding-grant-permissions" label="Grant permission" onPress={() => void grant()} />
        </>
      ) : null}
      {receiver === 'blocked' ? <ReceiverBlocked device={device} /> : null}
      {!batteryExempt ? (
        <>
          <Text testID="onboarding-battery-text" style={styles.text}>
            Allow background work so SMS are forwarded while the phone sleeps.
          </Text>
          <Button
            testID="onboarding-battery"
            label="Allow background work"
            secondary
            onPress={() => void device.requestIgnoreBatteryOptimizations().then(check)}
          />
        </>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { margin: spacing.lg, marginBottom: 0, backgroundColor: colors.warnSurface, gap: spacing.sm },
  text: { color: colors.text },
});

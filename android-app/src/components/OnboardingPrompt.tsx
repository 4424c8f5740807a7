// Asks for what background delivery needs: RECEIVE_SMS and notifications, and the battery-optimisation
// exemption (without it Doze delays WorkManager for hours). Hidden once everything is granted.
import { useCallback, useEffect, useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import type { DeviceSetup } from '../services/app-service';
import type { AppPermission } from '../services/native-ports';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Button } from './Button';
import { Card } from './Card';

type Props = {
  readonly device: DeviceSetup;
};

const names: Record<AppPermission, string> = { 'receive-sms': 'receive SMS', notifications: 'show notifications' };

export function OnboardingPrompt({ device }: Props) {
  const [missing, setMissing] = useState<readonly AppPermission[]>([]);
  const [batteryExempt, setBatteryExempt] = useState(true);

  const check = useCallback(async () => {
    setMissing(await device.missingPermissions());
    setBatteryExempt(await device.isIgnoringBatteryOptimizations());
  }, [device]);

  useEffect(() => {
    check().catch(() => undefined); // no native side (web, a test without it): nothing to ask
  }, [check]);

  if (missing.length === 0 && batteryExempt) return null;
  return (
    <Card style={styles.card} testID="onboarding-prompt">
      {missing.length > 0 ? (
        <>
          <Text
            testID="onboarding-missing"
            style={styles.text}
          >{`The gateway needs permission to ${missing.map((p) => names[p]).join(' and ')}.`}</Text>
          <Button
            testID="onboarding-grant-permissions"
            label="Grant permissions"
            onPress={() => void device.requestPermissions().then(setMissing)}
          />
        </>
      ) : null}
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

// The Settings switch "Show a notification while forwarding": the one place the app asks for
// POST_NOTIFICATIONS (notification-permission.ts says why nothing else does).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppState, StyleSheet, Switch, Text, View } from 'react-native';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { useAppPorts } from '../services/app-ports';
import {
  ensureNotificationPermission,
  notificationPermissionState,
  settingsMemory,
  type NotificationPermissionState,
} from '../services/notification-permission';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';

const WHY =
  'While a backlog is being forwarded, Android shows "Forwarding N SMS", so you can see the gateway at work. ' +
  'Forwarding runs the same without it.';

const states: Record<NotificationPermissionState, { readonly text: string; readonly color: string }> = {
  'not-needed': { text: 'On: Android 12 and older show it without asking', color: colors.good },
  granted: { text: 'On. Android turns it off: Open app settings → Notifications', color: colors.good },
  'not-asked': { text: 'Off', color: colors.muted },
  declined: { text: 'Off: notifications were refused. Switch on to be asked again', color: colors.muted },
  blocked: {
    text: 'Off: Android no longer asks. Allow it by hand: Open app settings → Notifications → allow',
    color: colors.warn,
  },
};

/** Where POST_NOTIFICATIONS stands (null until known), and the switch's two directions. */
function useNotificationPermission() {
  const { appService, device } = useAppPorts();
  const deps = useMemo(() => ({ device, memory: settingsMemory(appService) }), [appService, device]);
  const [state, setState] = useState<NotificationPermissionState | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void notificationPermissionState(deps).then(
        (next) => live && setState(next),
        () => live && setState('not-asked'), // no native side (a test without it): nothing granted
      );
    load();
    // Allowed or revoked by hand in App info: shown when the user comes back to the app.
    const subscription = AppState.addEventListener('change', (next) => next === 'active' && load());
    return () => {
      live = false;
      subscription.remove();
    };
  }, [deps]);
  const switchOn = useCallback(
    async () => setState(await ensureNotificationPermission(deps, { askAgain: true })),
    [deps],
  );
  const openAppSettings = useCallback(() => void device.openAppSettings(), [device]);
  return { state, switchOn, openAppSettings };
}

export function ForwardingNotificationCard() {
  const { state, switchOn, openAppSettings } = useNotificationPermission();
  if (state === null) return null;
  const on = state === 'granted' || state === 'not-needed';
  return (
    <Card style={styles.card}>
      <View style={styles.row}>
        <Text style={[styles.heading, styles.grow]}>Show a notification while forwarding</Text>
        <Switch
          testID="settings-notification-switch"
          accessibilityLabel="Show a notification while forwarding"
          value={on}
          disabled={state === 'not-needed'}
          // Only Android can take the permission back: switching off opens its page for the app.
          onValueChange={(next) => (next ? void switchOn() : openAppSettings())}
        />
      </View>
      <Text style={styles.explain}>{WHY}</Text>
      <Text testID="settings-notification-state" style={[styles.state, { color: states[state].color }]}>
        {states[state].text}
      </Text>
      {state === 'blocked' ? (
        <Button
          testID="settings-notification-open-settings"
          label="Open app settings"
          secondary
          onPress={openAppSettings}
        />
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { marginBottom: spacing.lg },
  row: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  heading: { fontSize: 16, fontWeight: 'bold', color: colors.text, marginBottom: spacing.sm },
  grow: { flex: 1, marginRight: spacing.sm },
  explain: { color: colors.muted, marginBottom: spacing.sm },
  state: { fontWeight: 'bold', marginBottom: spacing.sm },
});

// Webhook URL and secret, dead-letter limits, a test webhook with the classifier's verdict,
// pause/resume, the optional recovery of missed SMS (READ_SMS) and the forwarding notification
// (POST_NOTIFICATIONS: ForwardingNotificationCard.tsx, state and all). The other cards' state lives in
// use-settings-form.ts.
import { ScrollView, StyleSheet, Switch, Text, View } from 'react-native';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { LabeledInput } from '../components/LabeledInput';
import type { AppSettings } from '../services/settings-store';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { ForwardingNotificationCard } from './ForwardingNotificationCard';
import { useReadSmsPermission, useSettingsForm, useTestWebhook, type LoadedSettingsForm } from './use-settings-form';

// Android refuses plain http its network security config does not allow, and no setting can widen that:
// say where http works before the user types a URL that cannot.
const WEBHOOK_URL_HELP =
  'Use https. A release build sends plain http only to this phone (127.0.0.1, localhost: adb reverse) and the emulator host (10.0.2.2); for a server on your local network over plain http, install the LAN build (README: "Plain http on a local network").';

function WebhookSettingsCard({ form, problems, saved, edit, save }: LoadedSettingsForm) {
  return (
    <Card style={styles.card}>
      <LabeledInput
        label="Webhook URL"
        testID="settings-webhook-url"
        value={form.webhookUrl}
        onChangeText={edit('webhookUrl')}
        keyboardType="url"
        placeholder="https://example.com/sms"
      />
      <Text testID="settings-webhook-url-help" style={styles.explain}>
        {WEBHOOK_URL_HELP}
      </Text>
      <LabeledInput label="Secret" testID="settings-secret" value={form.secret} onChangeText={edit('secret')} secure />
      <LabeledInput
        label="Max age (days)"
        testID="settings-max-age-days"
        value={form.maxAgeDays}
        onChangeText={edit('maxAgeDays')}
        keyboardType="number-pad"
      />
      <LabeledInput
        label="Max attempts"
        testID="settings-max-attempts"
        value={form.maxAttempts}
        onChangeText={edit('maxAttempts')}
        keyboardType="number-pad"
      />
      {problems.map((problem) => (
        <Text key={problem} testID="settings-problem" style={styles.problem}>
          {problem}
        </Text>
      ))}
      {saved ? (
        <Text testID="settings-saved" style={styles.ok}>
          Saved
        </Text>
      ) : null}
      <Button testID="settings-save" label="Save" onPress={() => void save()} />
    </Card>
  );
}

function TestWebhookCard({ result, testing, send }: ReturnType<typeof useTestWebhook>) {
  return (
    <Card style={styles.card}>
      <Text style={styles.heading}>Test webhook</Text>
      <Button
        testID="settings-test-webhook"
        label={testing ? 'Sending…' : 'Send test webhook'}
        disabled={testing}
        secondary
        onPress={() => void send()}
      />
      {result !== null ? (
        <Text testID="test-webhook-result" accessibilityLabel={`Test webhook: ${result}`} style={styles.result}>
          {result}
        </Text>
      ) : null}
    </Card>
  );
}

function ForwardingCard({ settings, togglePause }: { settings: AppSettings; togglePause: () => Promise<void> }) {
  return (
    <Card style={styles.card}>
      <View style={styles.row}>
        <Text
          testID="settings-forwarding-state"
          style={[styles.heading, { color: settings.paused ? colors.warn : colors.good }]}
        >
          {settings.paused ? 'Forwarding paused' : 'Forwarding active'}
        </Text>
        <Button
          testID="settings-pause-toggle"
          label={settings.paused ? 'Resume' : 'Pause'}
          secondary
          onPress={() => void togglePause()}
        />
      </View>
      <Text style={styles.muted}>{`Device id: ${settings.deviceId}`}</Text>
    </Card>
  );
}

const RECOVERY_WHY =
  "Needs READ_SMS: reads the phone's SMS inbox to find SMS that arrived while the app was force-stopped; nothing else is read or sent.";

const READ_SMS_REFUSED =
  'Not granted. If Android showed no dialog, allow it by hand: Open app settings → Permissions → SMS → Allow ' +
  '(Android 15 and later, for an app installed from an APK file: first ⋮ → Allow restricted settings on that page).';

type RecoveryCardProps = Pick<LoadedSettingsForm, 'settings' | 'setRecoverMissedSms'> &
  ReturnType<typeof useReadSmsPermission>;

function recoveryState(on: boolean, granted: boolean | null): { text: string; color: string } {
  if (!on) return { text: 'Off', color: colors.muted };
  if (granted === false) return { text: 'On, but READ_SMS is not granted: nothing is recovered', color: colors.warn };
  return { text: 'On', color: colors.good };
}

function RecoveryCard({
  settings,
  setRecoverMissedSms,
  granted,
  refused,
  request,
  openAppSettings,
}: RecoveryCardProps) {
  const state = recoveryState(settings.recoverMissedSms, granted);
  return (
    <Card style={styles.card}>
      <View style={styles.row}>
        <Text style={[styles.heading, styles.grow]}>Recover SMS missed while the app was stopped</Text>
        <Switch
          testID="settings-recover-switch"
          accessibilityLabel="Recover SMS missed while the app was stopped"
          value={settings.recoverMissedSms}
          onValueChange={(on) => void setRecoverMissedSms(on)}
        />
      </View>
      <Text testID="settings-recover-why" style={styles.explain}>
        {RECOVERY_WHY}
      </Text>
      <Text testID="settings-recover-state" style={[styles.state, { color: state.color }]}>
        {state.text}
      </Text>
      {granted === false ? (
        <Button testID="settings-read-sms-request" label="Allow reading SMS" secondary onPress={() => void request()} />
      ) : null}
      {granted === false && refused ? (
        <>
          <Text testID="settings-read-sms-refused" style={styles.explain}>
            {READ_SMS_REFUSED}
          </Text>
          <Button testID="settings-read-sms-settings" label="Open app settings" secondary onPress={openAppSettings} />
        </>
      ) : null}
    </Card>
  );
}

export function SettingsScreen() {
  const loaded = useSettingsForm();
  const test = useTestWebhook();
  const readSms = useReadSmsPermission();
  if (loaded === null)
    return (
      <Text testID="settings-loading" style={styles.loading}>
        Loading…
      </Text>
    );
  return (
    <ScrollView testID="settings-screen" contentContainerStyle={styles.content}>
      <WebhookSettingsCard {...loaded} />
      <TestWebhookCard {...test} />
      <ForwardingCard settings={loaded.settings} togglePause={loaded.togglePause} />
      <RecoveryCard settings={loaded.settings} setRecoverMissedSms={loaded.setRecoverMissedSms} {...readSms} />
      <ForwardingNotificationCard />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: spacing.lg },
  card: { marginBottom: spacing.lg },
  loading: { padding: spacing.lg, color: colors.muted },
  heading: { fontSize: 16, fontWeight: 'bold', color: colors.text, marginBottom: spacing.sm },
  row: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  problem: { color: colors.bad, marginBottom: spacing.sm },
  ok: { color: colors.good, marginBottom: spacing.sm },
  result: { marginTop: spacing.sm, color: colors.text },
  muted: { color: colors.muted, fontSize: 12 },
  grow: { flex: 1, marginRight: spacing.sm },
  explain: { color: colors.muted, marginBottom: spacing.sm },
  state: { fontWeight: 'bold', marginBottom: spacing.sm },
});

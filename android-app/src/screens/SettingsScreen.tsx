// Webhook URL and secret, dead-letter limits, a test webhook with the classifier's verdict, and
// pause/resume. Everything goes through the injected GatewayApi.
import { useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { useGateway } from '../app/gateway-context';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { LabeledInput } from '../components/LabeledInput';
import type { AppSettings } from '../services/settings-store';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { describeOutcome } from '../utils/describe-outcome';

type Form = { webhookUrl: string; secret: string; maxAgeDays: string; maxAttempts: string };

const toForm = (settings: AppSettings): Form => ({
  webhookUrl: settings.webhookUrl,
  secret: settings.secret,
  maxAgeDays: String(settings.maxAgeDays),
  maxAttempts: String(settings.maxAttempts),
});

// Number('') is 0 and Number(' 3 ') is 3: keep the text's own verdict, validation names the field.
const toNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function SettingsScreen() {
  const gateway = useGateway();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [saved, setSaved] = useState(false);
  const [testResult, setTestResult] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);

  useEffect(() => {
    let live = true;
    void gateway.settings().then((loaded) => {
      if (!live) return;
      setSettings(loaded);
      setForm(toForm(loaded));
    });
    return () => {
      live = false;
    };
  }, [gateway]);

  if (settings === null || form === null)
    return (
      <Text testID="settings-loading" style={styles.loading}>
        Loading…
      </Text>
    );

  const edit = (key: keyof Form) => (text: string) => {
    setForm({ ...form, [key]: text });
    setSaved(false);
  };
  const save = async () => {
    const result = await gateway.saveSettings({
      webhookUrl: form.webhookUrl.trim(),
      secret: form.secret,
      maxAgeDays: toNumber(form.maxAgeDays),
      maxAttempts: toNumber(form.maxAttempts),
    });
    if (result.kind === 'invalid') {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setSettings(result.settings);
    setSaved(true);
  };
  const sendTest = async () => {
    setTesting(true);
    setTestResult(null);
    try {
      setTestResult(describeOutcome(await gateway.sendTestWebhook()));
    } catch (error) {
      setTestResult(`Test failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setTesting(false);
    }
  };
  const togglePause = async () => setSettings(await gateway.setPaused(!settings.paused));

  return (
    <ScrollView testID="settings-screen" contentContainerStyle={styles.content}>
      <Card style={styles.card}>
        <LabeledInput
          label="Webhook URL"
          testID="settings-webhook-url"
          value={form.webhookUrl}
          onChangeText={edit('webhookUrl')}
          keyboardType="url"
          placeholder="https://example.com/sms"
        />
        <LabeledInput
          label="Secret"
          testID="settings-secret"
          value={form.secret}
          onChangeText={edit('secret')}
          secure
        />
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
      <Card style={styles.card}>
        <Text style={styles.heading}>Test webhook</Text>
        <Button
          testID="settings-test-webhook"
          label={testing ? 'Sending…' : 'Send test webhook'}
          disabled={testing}
          secondary
          onPress={() => void sendTest()}
        />
        {testResult !== null ? (
          <Text testID="test-webhook-result" accessibilityLabel={`Test webhook: ${testResult}`} style={styles.result}>
            {testResult}
          </Text>
        ) : null}
      </Card>
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
});

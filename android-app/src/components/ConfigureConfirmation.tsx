// What a `smsgw://configure` link would change, shown before anything is written: the host every SMS
// would go to, in full, what the gateway posts to now, and whether the secret changes (never the
// secret). Any web page can open such a link, so Apply is the user's, and Cancel (or Back) is the way out.
import { Modal, StyleSheet, Text, View } from 'react-native';
import type { ConfigurationChange, SecretChange } from '../services/deep-link';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Button } from './Button';
import { Card } from './Card';

type Props = {
  readonly change: ConfigurationChange;
  /** Apply was pressed and the settings are being written: both buttons wait. */
  readonly applying: boolean;
  readonly onApply: () => void;
  readonly onCancel: () => void;
};

const secretTexts: Record<SecretChange, string> = {
  untouched: 'Secret: unchanged (the link carries none)',
  same: 'Secret: unchanged',
  set: 'Secret: set to the one in the link (not shown)',
  replaced: 'Secret: replaced by the one in the link (not shown)',
  removed: 'Secret: removed, so webhooks go unsigned',
};

function currentText({ currentHost, address }: ConfigurationChange): string {
  if (currentHost === null) return 'Now: no webhook is configured';
  return currentHost === address.host ? `Now: ${currentHost} (the same host)` : `Now: ${currentHost}`;
}

function warnings({ address }: ConfigurationChange): string[] {
  const list: string[] = [];
  if (address.plain) list.push('http://: the SMS would cross the network unencrypted.');
  if (address.credentials)
    list.push(`The URL puts a name before the host (…@): the SMS would go to ${address.host}, not to that name.`);
  if (address.nonAscii)
    list.push('The host has letters outside ASCII, which can imitate another host: check each one.');
  return list;
}

export function ConfigureConfirmation({ change, applying, onApply, onCancel }: Props) {
  return (
    <Modal visible animationType="fade" onRequestClose={onCancel}>
      <View style={styles.backdrop}>
        <Card style={styles.card} testID="configure-confirmation">
          <Text style={styles.heading}>A link asks to change where this gateway sends SMS</Text>
          <Text style={styles.text}>Every SMS this phone receives, one-time codes included, would go to:</Text>
          <Text testID="configure-host" style={styles.host} selectable>
            {change.address.host}
          </Text>
          <Text testID="configure-url" style={styles.muted} selectable>
            {change.webhookUrl}
          </Text>
          <Text testID="configure-current" style={styles.text}>
            {currentText(change)}
          </Text>
          <Text testID="configure-secret" style={styles.text}>
            {secretTexts[change.secret]}
          </Text>
          {warnings(change).map((warning) => (
            <Text key={warning} testID="configure-warning" style={styles.warning}>
              {warning}
            </Text>
          ))}
          <Text style={styles.muted}>Nothing changes unless you press Apply.</Text>
          <View style={styles.actions}>
            <Button testID="configure-cancel" label="Cancel" secondary disabled={applying} onPress={onCancel} />
            <Button
              testID="configure-apply"
              label={applying ? 'Applying…' : 'Apply'}
              disabled={applying}
              onPress={onApply}
            />
          </View>
        </Card>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, justifyContent: 'center', padding: spacing.lg, backgroundColor: colors.background },
  card: { gap: spacing.sm },
  heading: { color: colors.text, fontWeight: 'bold', fontSize: 16 },
  text: { color: colors.text },
  host: { color: colors.text, fontWeight: 'bold', fontSize: 18 },
  muted: { color: colors.muted },
  warning: { color: colors.warn },
  actions: { flexDirection: 'row', justifyContent: 'flex-end', gap: spacing.sm },
});

// A text field with its label; the label doubles as the accessibility label.
import { StyleSheet, Text, TextInput, View, type KeyboardTypeOptions } from 'react-native';
import { colors } from '../theme/colors';
import { radius, spacing } from '../theme/spacing';

type Props = {
  readonly label: string;
  readonly value: string;
  readonly onChangeText: (text: string) => void;
  readonly testID: string;
  /** Default 'default'. */
  readonly keyboardType?: KeyboardTypeOptions;
  /** Hide the text (a secret). Default false. */
  readonly secure?: boolean;
  /** Default ''. */
  readonly placeholder?: string;
};

export function LabeledInput({
  label,
  value,
  onChangeText,
  testID,
  keyboardType = 'default',
  secure = false,
  placeholder = '',
}: Props) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        testID={testID}
        accessibilityLabel={label}
        value={value}
        onChangeText={onChangeText}
        keyboardType={keyboardType}
        secureTextEntry={secure}
        placeholder={placeholder}
        autoCapitalize="none"
        autoCorrect={false}
        style={styles.input}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  field: { marginBottom: spacing.md },
  label: { color: colors.muted, fontSize: 13, marginBottom: spacing.xs },
  input: {
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius.card,
    padding: spacing.sm,
    backgroundColor: colors.card,
    color: colors.text,
  },
});

// A labelled Pressable: the app's one button, with a testID for tests and Appium.
import { Pressable, StyleSheet, Text } from 'react-native';
import { colors } from '../theme/colors';
import { radius, spacing } from '../theme/spacing';

type Props = {
  readonly label: string;
  readonly onPress: () => void;
  readonly testID: string;
  /** Greyed out and inert. Default false. */
  readonly disabled?: boolean;
  /** Quiet outline instead of a filled button. Default false. */
  readonly secondary?: boolean;
};

export function Button({ label, onPress, testID, disabled = false, secondary = false }: Props) {
  return (
    <Pressable
      testID={testID}
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityState={{ disabled }}
      disabled={disabled}
      onPress={onPress}
      style={[styles.button, secondary ? styles.secondary : styles.primary, disabled && styles.disabled]}
    >
      <Text style={secondary ? styles.secondaryLabel : styles.label}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    borderRadius: radius.card,
    paddingHorizontal: spacing.lg,
    paddingVertical: spacing.sm,
    alignItems: 'center',
  },
  primary: { backgroundColor: colors.info },
  secondary: { borderWidth: 1, borderColor: colors.info },
  disabled: { opacity: 0.5 },
  label: { color: colors.onAccent, fontWeight: 'bold' },
  secondaryLabel: { color: colors.info, fontWeight: 'bold' },
});

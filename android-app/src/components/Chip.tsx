// A small rounded label ("Retry active", an error category).
import { StyleSheet, Text } from 'react-native';
import { colors, type Color } from '../theme/colors';
import { radius, spacing } from '../theme/spacing';

type Props = {
  readonly label: string;
  readonly testID?: string;
  /** Background. Default the warning surface. */
  readonly color?: Color;
  /** Read aloud / by Appium. Default the label. */
  readonly accessibilityLabel?: string;
};

export function Chip({ label, testID, color = colors.warnSurface, accessibilityLabel }: Props) {
  return (
    <Text
      testID={testID}
      accessibilityLabel={accessibilityLabel ?? label}
      style={[styles.chip, { backgroundColor: color }]}
    >
      {label}
    </Text>
  );
}

const styles = StyleSheet.create({
  chip: {
    alignSelf: 'flex-start',
    borderRadius: radius.chip,
    overflow: 'hidden',
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.xs,
    color: colors.text,
    fontSize: 12,
  },
});

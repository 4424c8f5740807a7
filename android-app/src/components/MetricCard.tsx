// One number on the dashboard. The value carries `metric-<name>` and "Title: value", which is what
// Appium and the web build's headless-Chromium test read.
import { StyleSheet, Text } from 'react-native';
import { colors, type Color } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Card } from './Card';

type Props = {
  /** Kebab-case metric name: the value's testID is `metric-<name>`. */
  readonly name: string;
  readonly title: string;
  readonly value: string;
  /** Colour of the value and the card's edge. Default the text colour. */
  readonly color?: Color;
};

export function MetricCard({ name, title, value, color = colors.text }: Props) {
  return (
    <Card style={[styles.card, { borderLeftColor: color }]} testID={`card-${name}`}>
      <Text style={styles.title}>{title}</Text>
      <Text testID={`metric-${name}`} accessibilityLabel={`${title}: ${value}`} style={[styles.value, { color }]}>
        {value}
      </Text>
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { flex: 1, borderLeftWidth: 4 },
  title: { color: colors.muted, fontSize: 13 },
  value: { fontSize: 26, fontWeight: 'bold', marginTop: spacing.xs },
});

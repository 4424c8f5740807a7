// Navigation without a navigation package: four tabs as Pressables.
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';

export const tabs = [
  { key: 'health', label: 'Health' },
  { key: 'messages', label: 'Messages' },
  { key: 'errors', label: 'Errors' },
  { key: 'settings', label: 'Settings' },
] as const;

export type TabKey = (typeof tabs)[number]['key'];

type Props = {
  readonly current: TabKey;
  readonly onSelect: (tab: TabKey) => void;
};

export function TabBar({ current, onSelect }: Props) {
  return (
    <View style={styles.bar} accessibilityRole="tablist">
      {tabs.map((tab) => {
        const selected = tab.key === current;
        return (
          <Pressable
            key={tab.key}
            testID={`tab-${tab.key}`}
            accessibilityRole="tab"
            accessibilityLabel={tab.label}
            accessibilityState={{ selected }}
            onPress={() => onSelect(tab.key)}
            style={styles.tab}
          >
            <Text style={[styles.label, selected && styles.selected]}>{tab.label}</Text>
          </Pressable>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  bar: {
    flexDirection: 'row',
    borderTopWidth: StyleSheet.hairlineWidth,
    borderTopColor: colors.border,
    backgroundColor: colors.card,
  },
  tab: { flex: 1, alignItems: 'center', paddingVertical: spacing.md },
  label: { color: colors.muted },
  selected: { color: colors.info, fontWeight: 'bold' },
});

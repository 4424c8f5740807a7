// The app without its platform: ports and Linking come in as props, so the whole shell renders in a
// test with fakes. App.tsx feeds it the real service.
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { ConfigureConfirmation } from '../components/ConfigureConfirmation';
import { OnboardingPrompt } from '../components/OnboardingPrompt';
import { ErrorsScreen } from '../screens/ErrorsScreen';
import { HealthScreen } from '../screens/HealthScreen';
import { MessagesScreen } from '../screens/MessagesScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { AppPortsContext, type AppPorts } from '../services/app-ports';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { TabBar, type TabKey } from './TabBar';
import { useDeepLink, type LinkingLike } from './use-deep-link';

type Props = {
  readonly ports: AppPorts;
  readonly linking: LinkingLike;
  /** Default 'health'. */
  readonly initialTab?: TabKey;
};

export function AppShell({ ports, linking, initialTab = 'health' }: Props) {
  const [tab, setTab] = useState<TabKey>(initialTab);
  const link = useDeepLink(linking, ports.appService);
  return (
    <AppPortsContext.Provider value={ports}>
      <View style={styles.app}>
        <OnboardingPrompt device={ports.device} />
        {link.outcome !== null ? (
          <Text
            testID="deep-link-result"
            style={[styles.banner, { color: link.outcome.ok ? colors.good : colors.bad }]}
          >
            {link.outcome.message}
          </Text>
        ) : null}
        {link.proposed !== null ? (
          <ConfigureConfirmation
            change={link.proposed.change}
            applying={link.applying}
            onApply={link.apply}
            onCancel={link.cancel}
          />
        ) : null}
        <View style={styles.screen}>
          {tab === 'health' ? <HealthScreen source={ports.appService} /> : null}
          {tab === 'messages' ? <MessagesScreen /> : null}
          {tab === 'errors' ? <ErrorsScreen /> : null}
          {tab === 'settings' ? <SettingsScreen /> : null}
        </View>
        <TabBar current={tab} onSelect={setTab} />
      </View>
    </AppPortsContext.Provider>
  );
}

const styles = StyleSheet.create({
  app: { flex: 1, backgroundColor: colors.background },
  banner: { paddingHorizontal: spacing.lg, paddingTop: spacing.sm },
  screen: { flex: 1 },
});

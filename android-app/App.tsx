// The app's root: builds the one app service, keeps its dispatcher running while the UI lives,
// and hands the shell the real ports. Everything below AppShell is tested with fakes.
import { useEffect, useState } from 'react';
import { AppState, Linking, StatusBar, StyleSheet, Text } from 'react-native';
import { SafeAreaProvider, SafeAreaView } from 'react-native-safe-area-context';
import { AppShell } from './src/app/AppShell';
import type { AppPorts } from './src/services/app-ports';
import { deviceSetup, getAppService, nativeSystem } from './src/services/platform';
import { syncReceiverPermission } from './src/services/receiver-permission';
import { colors } from './src/theme/colors';

export default function App() {
  const [ports, setPorts] = useState<AppPorts | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let release: (() => Promise<void>) | null = null;
    let stopWatching: (() => void) | null = null;
    let live = true;
    getAppService().then(
      (service) => {
        if (!live) return;
        release = service.hold();
        // SMS that arrived while no task ran (e.g. the service start was refused) are picked up now.
        service.drainInbox().catch((error: unknown) => setFailure(String(error)));
        nativeSystem()
          .schedulePeriodic()
          .catch(() => undefined);
        const sync = () => void syncReceiverPermission(deviceSetup, service.engine).catch(() => undefined);
        sync();
        const subscription = AppState.addEventListener('change', (state) => state === 'active' && sync());
        stopWatching = () => subscription.remove();
        setPorts({ appService: service, device: deviceSetup });
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      stopWatching?.();
      void release?.();
    };
  }, []);

  return (
    <SafeAreaProvider>
      <StatusBar barStyle="dark-content" />
      <SafeAreaView style={styles.root}>
        {failure !== null ? (
          <Text testID="app-failure" style={styles.failure}>{`The gateway could not start: ${failure}`}</Text>
        ) : null}
        {ports !== null ? <AppShell ports={ports} linking={Linking} /> : null}
      </SafeAreaView>
    </SafeAreaProvider>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.background },
  failure: { color: colors.bad, padding: 16 },
});

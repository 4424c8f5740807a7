// Entry of the web build: the app's own HealthScreen, rendered by react-native-web (vite aliases
// `react-native` to it), fed by the device that serves this page.
import { AppRegistry } from 'react-native';
import { HealthScreen } from '../src/screens/HealthScreen';
import { urlHealthSource } from './url-health-source';

const source = urlHealthSource(window.location.origin);
// `?refreshMs=<n>` changes the auto-refresh period: an e2e spec sets it high to prove the button,
// not the timer, brought the new numbers.
const requested = Number(new URLSearchParams(window.location.search).get('refreshMs'));
const refreshIntervalMs = Number.isInteger(requested) && requested > 0 ? requested : undefined;

function WebHealth() {
  return <HealthScreen source={source} {...(refreshIntervalMs === undefined ? {} : { refreshIntervalMs })} />;
}

AppRegistry.registerComponent('smsgw', () => WebHealth);
AppRegistry.runApplication('smsgw', { rootTag: document.getElementById('root') });

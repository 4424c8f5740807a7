// Entry point for Metro. The headless task runs without any UI (SMS received, WorkManager, boot):
// the Kotlin SmsgwTaskService starts it with { reason }.
import { AppRegistry } from 'react-native';
import App from './App';
import { name as appName } from './app.json';
import { smsgwTask } from './src/app/smsgw-task';

AppRegistry.registerComponent(appName, () => App);
AppRegistry.registerHeadlessTask('SmsgwTask', () => smsgwTask);

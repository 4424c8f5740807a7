// The app's side of the phone's conditions: what the radio says of the link and of Doze, applied to
// the app's transport (latency, bandwidth), to what the engine sees of the network (mobile data off,
// Doze outside its windows) and to the engine's work windows.
import { dataFlows } from '../../scenario/link-profiles';
import type { DeviceConditions } from './device-conditions';
import { DozeWindows } from './doze-windows';
import type { ShapedTransport } from './shaped-transport';
import type { SwitchNetwork } from './switch-network';

export class AppConditions {
  /** The engine's work windows: always open while the phone is awake. */
  readonly windows: DozeWindows;

  constructor(
    private readonly transport: Pick<ShapedTransport, 'set'>,
    private readonly network: SwitchNetwork,
    windows: DozeWindows = new DozeWindows(),
  ) {
    this.windows = windows;
    // In Doze an app has no network outside the maintenance windows.
    windows.subscribe((open) => network.set(open, 'doze'));
  }

  apply(conditions: DeviceConditions): void {
    this.transport.set(conditions.link);
    this.network.set(dataFlows(conditions.link), 'gsm data');
    this.windows.set(conditions.dozingSince);
  }

  stop(): void {
    this.windows.stop();
  }
}

// Without RECEIVE_SMS the phone delivers no SMS to us: health must say so (category `permissions`)
// instead of looking healthy and idle. Checked at start and whenever the app comes back to the front,
// since the permission is granted or revoked in the system settings, outside the app.
import type { Engine } from '../engine';
import type { DeviceSetup } from './app-service';

export const RECEIVER_PAUSED_REASON = 'RECEIVE_SMS permission not granted: open the app and grant it';

/** Pauses or resumes the engine's receiver to match the permission; resolves with whether it is granted. */
export async function syncReceiverPermission(
  device: Pick<DeviceSetup, 'missingPermissions'>,
  engine: Pick<Engine, 'pauseReceiver' | 'resumeReceiver'>,
): Promise<boolean> {
  const granted = !(await device.missingPermissions()).includes('receive-sms');
  if (granted) engine.resumeReceiver();
  else engine.pauseReceiver(RECEIVER_PAUSED_REASON);
  return granted;
}

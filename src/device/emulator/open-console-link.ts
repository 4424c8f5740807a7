// The injector's line to an emulator: the console over TCP when its port answers, else `adb emu`
// one SMS at a time (slower, rate-limited). A real emulator whose console is firewalled, or one
// reached through a remote adb server, has no local console port, but adb still reaches it.
import { SmsgwError } from '../../errors';
import type { DeviceAdb } from './adb-kit';
import { emulatorDefaults } from './defaults';
import { runConsoleCommandViaAdb, sendSmsViaAdb } from './adb-emu';
import { ConsoleClient, type ConsoleClientOptions } from '../console/console-client';
import { SendGate } from '../console/send-gate';
import type { ConsoleLink } from '../console/console-link';

export interface OpenConsoleOptions {
  /** adb on the emulator (`emulator-5554`), for the fallback. */
  readonly device: DeviceAdb;
  readonly port: number;
  /** Told once, when the fallback is taken. */
  readonly log?: (line: string) => void;
  /** Default ConsoleClient.connect (tests pass a refusing one). */
  readonly connect?: (options: ConsoleClientOptions) => Promise<ConsoleLink>;
}

/**
 * Connects to the console at 127.0.0.1:<port>; falls back to `adb emu` when the connection is refused.
 * SMS bursts go through the console client, which pipelines them on one connection: adb, appium-adb's
 * sendSMS included, opens and authenticates a console connection per SMS, far too slow for a burst.
 */
export async function openConsoleLink(options: OpenConsoleOptions): Promise<ConsoleLink> {
  const connect = options.connect ?? ((client: ConsoleClientOptions) => ConsoleClient.connect(client));
  try {
    return await connect({ port: options.port });
  } catch (error) {
    // Only "nobody listens" means "try adb": a console that answered and refused auth would refuse adb too.
    if (!isConnectionRefused(error)) throw error;
    options.log?.(
      `smsgw: no console at 127.0.0.1:${options.port} (connection refused); sending through \`adb -s ${options.device.serial} emu sms send\` instead, at most ${emulatorDefaults.adbSmsPerSecond}/s`,
    );
    return adbEmuSender(options.device);
  }
}

function isConnectionRefused(error: unknown): boolean {
  const cause = error instanceof SmsgwError ? error.cause : error;
  return (cause as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED';
}

/** One `adb emu sms send` (or one `sms pdu` per part) per SMS, through a gate: KO answers reject with ConsoleReplyError, as on the console. */
export function adbEmuSender(device: DeviceAdb): ConsoleLink {
  const gate = new SendGate({
    perSecond: emulatorDefaults.adbSmsPerSecond,
    maxInFlight: emulatorDefaults.adbSmsInFlight,
  });
  const sends = new Set<Promise<void>>();
  let closed: SmsgwError | null = null;
  let reference = 0;
  return {
    sendSms(sender, text) {
      if (closed) return Promise.reject(closed);
      // Each PDU SMS gets its own concatenation reference, as ConsoleClient gives them.
      reference = (reference + 1) % 256;
      const smsReference = reference;
      const send = (async () => {
        await gate.acquire();
        try {
          await sendSmsViaAdb(device, sender, text, smsReference);
        } finally {
          gate.release();
        }
      })();
      sends.add(send);
      void send.catch(() => undefined).finally(() => sends.delete(send));
      return send;
    },
    // One adb process per command, as for an SMS; chaos sends a few a run, so no gate.
    command(line) {
      if (closed) return Promise.reject(closed);
      return runConsoleCommandViaAdb(device, line);
    },
    async close() {
      closed ??= new SmsgwError('device-unavailable', `adb emu sender for ${device.serial} closed`);
      await Promise.allSettled([...sends]);
    },
    destroy() {
      closed ??= new SmsgwError('device-unavailable', `adb emu sender for ${device.serial} closed by the client`);
      gate.cancelAll(closed);
    },
  };
}

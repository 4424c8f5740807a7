// The console's `network` and `gsm` commands that shape the device's link, with the emulator's own
// words (do_network_status, do_network_speed, do_network_delay, do_gsm_data, do_gsm_status in
// android-emu/android/console.cpp), so `adb emu network delay umts` drives the virtual device as it
// drives an emulator. The device keeps the state; these only read and change it.
import {
  parseGsmData,
  parseLinkDelay,
  parseLinkSpeed,
  speedProfileLines,
  type LinkState,
} from '../../scenario/link-profiles';
import type { CommandDef, Reply } from './console-commands';
import { CRLF, replies } from './console-protocol';

/** The device's link as the console sees it. */
export interface LinkControl {
  current(): LinkState;
  change(patch: Partial<LinkState>): void;
}

const ko = (reason: string): Reply => ({ text: `KO: ${reason}${CRLF}` });

/** `%8d bits/s (%.1f KB/s)`, as the emulator prints a rate (its KB is 8192 bits). */
const rate = (kbps: number): string => {
  const bits = Math.round(kbps * 1000);
  return `${String(bits).padStart(8)} bits/s (${(bits / 8192).toFixed(1)} KB/s)`;
};

function networkStatus(link: LinkControl): Reply {
  const { delay, speed } = link.current();
  const lines = [
    'Current network status:',
    `  download speed:   ${rate(speed.downKbps)}`,
    `  upload speed:     ${rate(speed.upKbps)}`,
    `  minimum latency:  ${Math.trunc(delay.minMs)} ms`,
    `  maximum latency:  ${Math.trunc(delay.maxMs)} ms`,
  ];
  return { text: lines.map((line) => line + CRLF).join('') + replies.ok };
}

function networkSpeed(link: LinkControl, args: string | null): Reply {
  if (args === null) return ko("missing <speed> argument, see 'help network speed'");
  const speed = parseLinkSpeed(args);
  if (speed === null) return ko("invalid <speed> argument, see 'help network speed' for valid values");
  link.change({ speed });
  return { text: replies.ok };
}

function networkDelay(link: LinkControl, args: string | null): Reply {
  if (args === null) return ko("missing <delay> argument, see 'help network delay'");
  const delay = parseLinkDelay(args);
  if (delay === null) return ko("invalid <delay> argument, see 'help network delay' for valid values");
  link.change({ delay });
  return { text: replies.ok };
}

function gsmData(link: LinkControl, args: string | null): Reply {
  if (args === null) return ko("missing argument, try 'gsm data <state>'");
  const data = parseGsmData(args);
  if (data === null) return ko("bad GSM data state name, try 'help gsm data' for list of valid values");
  link.change({ data });
  return { text: replies.ok };
}

function gsmStatus(link: LinkControl, args: string | null): Reply {
  if (args !== null) return ko('no argument required');
  return { text: `gsm voice state: home${CRLF}gsm data state:  ${link.current().data}${CRLF}${replies.ok}` };
}

/** The `network` and `gsm` command tables over one device's link. */
export function linkCommands(link: LinkControl): CommandDef[] {
  const network: CommandDef = {
    names: 'network',
    abstract: 'manage network settings',
    description:
      'allows you to manage the settings related to the network data connection of the\r\nemulated device.\r\n',
    subcommands: [
      { names: 'status', abstract: 'dump network status', run: () => networkStatus(link) },
      {
        names: 'speed',
        abstract: 'change network speed',
        description:
          "'network speed <speed>' allows you to dynamically change the speed of the emulated\r\n" +
          'network on the device, where <speed> is one of the following:\r\n\r\n' +
          [...speedProfileLines(), `  ${'<num>'.padEnd(8)} selects both upload and download speed`]
            .concat(`  ${'<up>:<down>'.padEnd(8)} select individual upload/download speeds`)
            .map((line) => line + CRLF)
            .join(''),
        run: (args) => networkSpeed(link, args),
      },
      {
        names: 'delay',
        abstract: 'change network latency',
        description:
          "'network delay <latency>' allows you to dynamically change the latency of the emulated\r\n" +
          'network on the device, where <latency> is one of the following:\r\n\r\n',
        run: (args) => networkDelay(link, args),
      },
    ],
  };
  const gsm: CommandDef = {
    names: 'gsm',
    abstract: 'GSM related commands',
    description: 'allows you to change GSM-related settings, or to make a new inbound phone call\r\n',
    subcommands: [
      {
        names: 'data',
        abstract: 'modify data connection state',
        description:
          "the 'gsm data <state>' allows you to change the state of your GPRS connection\r\n" +
          'valid values for <state> are the following:\r\n\r\n',
        run: (args) => gsmData(link, args),
      },
      { names: 'status', abstract: 'display GSM status', run: (args) => gsmStatus(link, args) },
    ],
  };
  return [gsm, network];
}

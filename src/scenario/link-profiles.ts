// The emulator's network link settings, as its console takes them (`network delay <latency>`,
// `network speed <speed>`, `gsm data <state>`), with the emulator's own profile figures
// (android/network/constants.h of the Android emulator: the latency range and the upload/download
// rates of each profile). One table for the scenario schema, the virtual device's console and its app.

/** Latency added to the link, ms, drawn between `minMs` and `maxMs`; 0 and 0 is none. */
export interface LinkDelay {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Bandwidth of the link, kbit/s each way; 0 is no limit. */
export interface LinkSpeed {
  readonly upKbps: number;
  readonly downKbps: number;
}

/** The GSM data registration states the console names; data flows only in `home` and `roaming`. */
export const gsmDataStates = ['unregistered', 'home', 'roaming', 'searching', 'denied', 'off', 'on'] as const;
export type GsmDataState = (typeof gsmDataStates)[number];

/** A device's link: what `network status` and `gsm status` report. */
export interface LinkState {
  readonly delay: LinkDelay;
  readonly speed: LinkSpeed;
  /** As `gsm status` names it: `off` is `unregistered`, `on` is `home`. */
  readonly data: Exclude<GsmDataState, 'off' | 'on'>;
}

interface Profile {
  readonly display: string;
  readonly upKbps: number;
  readonly downKbps: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** The emulator's profiles (name, display name, upload and download kbit/s, latency range ms). */
const profiles: Readonly<Record<string, Profile>> = {
  gsm: { display: 'GSM/CSD', upKbps: 14.4, downKbps: 14.4, minMs: 150, maxMs: 550 },
  hscsd: { display: 'HSCSD', upKbps: 14.4, downKbps: 57.6, minMs: 80, maxMs: 400 },
  gprs: { display: 'GPRS', upKbps: 28.8, downKbps: 57.6, minMs: 35, maxMs: 200 },
  umts: { display: 'UMTS/3G', upKbps: 384, downKbps: 384, minMs: 35, maxMs: 200 },
  edge: { display: 'EDGE/EGPRS', upKbps: 473.6, downKbps: 473.6, minMs: 80, maxMs: 400 },
  hsdpa: { display: 'HSDPA', upKbps: 5760, downKbps: 13_980, minMs: 0, maxMs: 0 },
  lte: { display: 'LTE', upKbps: 58_000, downKbps: 173_000, minMs: 0, maxMs: 0 },
  evdo: { display: 'EVDO', upKbps: 75_000, downKbps: 280_000, minMs: 0, maxMs: 0 },
  '5g': { display: 'no limit', upKbps: 0, downKbps: 0, minMs: 0, maxMs: 0 },
};

/** `network delay` names: every profile, and `none`. */
export const delayProfileNames: readonly string[] = [...Object.keys(profiles), 'none'];
/** `network speed` names: every profile, and `full`. */
export const speedProfileNames: readonly string[] = [...Object.keys(profiles), 'full'];

export const noDelay: LinkDelay = { minMs: 0, maxMs: 0 };
export const fullSpeed: LinkSpeed = { upKbps: 0, downKbps: 0 };
/** The emulator's link at boot: `-netdelay none -netspeed full`, data registered. */
export const normalLink: LinkState = { delay: noDelay, speed: fullSpeed, data: 'home' };

/** `<n>` or `<a>:<b>`, each a plain decimal: the emulator reads them with strtod. */
const numbers = /^(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/;

/**
 * The latency `network delay <text>` sets: a profile name, `<ms>` or `<min>:<max>`; null when the
 * emulator would answer KO. Stricter than the emulator in one way: a range whose minimum is above its
 * maximum is refused, where the emulator would take it and never draw from it.
 */
export function parseLinkDelay(text: string): LinkDelay | null {
  if (text === 'none') return noDelay;
  const profile = profiles[text];
  if (profile) return { minMs: profile.minMs, maxMs: profile.maxMs };
  const match = numbers.exec(text);
  if (!match) return null;
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  return minMs <= maxMs ? { minMs, maxMs } : null;
}

/** The bandwidth `network speed <text>` sets: a profile name, `<kbps>` or `<up>:<down>` (kbit/s); null for KO. */
export function parseLinkSpeed(text: string): LinkSpeed | null {
  if (text === 'full') return fullSpeed;
  const profile = profiles[text];
  if (profile) return { upKbps: profile.upKbps, downKbps: profile.downKbps };
  const match = numbers.exec(text);
  if (!match) return null;
  const upKbps = Number(match[1]);
  return { upKbps, downKbps: match[2] === undefined ? upKbps : Number(match[2]) };
}

/** The registration `gsm data <text>` sets, named as `gsm status` shows it; null for KO. */
export function parseGsmData(text: string): LinkState['data'] | null {
  if (!(gsmDataStates as readonly string[]).includes(text)) return null;
  if (text === 'off') return 'unregistered';
  if (text === 'on') return 'home';
  return text as LinkState['data'];
}

/** Data flows only while registered, at home or roaming (the emulator's own rule). */
export const dataFlows = (link: LinkState): boolean => link.data === 'home' || link.data === 'roaming';

/** `  gsm      GSM/CSD` lines of `help network speed`, as the emulator lists its profiles. */
export function speedProfileLines(): string[] {
  return [...Object.entries(profiles).map(([name, profile]) => [name, profile.display]), ['full', 'no limit']].map(
    ([name, display]) => `  ${name!.padEnd(8)} ${display!}`,
  );
}

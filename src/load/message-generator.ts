// The SMS a run sends: who from and what, deterministic from the scenario's seed.
import type { TextKind } from '../scenario/scenario-schema';
import { defaultRepeatShare, repeatWindowMessages } from '../scenario/defaults';
import { asciiTexts, hostileTexts, multipartText, unicodeTexts, type TextBuilder } from './message-texts';
import { createRandom, deriveSeed, type SeededRandom } from '../sms/random';

export interface MessageGeneratorOptions {
  /** Distinct sender numbers, 1 to 10,000,000. */
  readonly senders: number;
  readonly text: TextKind;
  /** The scenario's seed; the generator uses its own stream derived from it. */
  readonly seed: number;
  /**
   * Share of SMS, 0 to 1, that repeat the sender and text of a recent SMS exactly, as a GPS tracker
   * sending the same text twice a minute does: a gateway that dedupes on content loses them.
   * Default `defaultRepeatShare` (0: no SMS repeats).
   */
  readonly repeats?: number;
  /**
   * The fleet the SMS are spread over (`devices:`), 1 to `senders`: the n-th fresh SMS goes to device
   * ((n − 1) mod devices) + 1, from a sender of that device's own (sender numbers k with k mod
   * devices = device − 1), and a repeat goes where its original went. Default 1: every SMS to the one
   * device, the sequence a seed always gave.
   */
  readonly devices?: number;
}

export interface GeneratedMessage {
  readonly sender: string;
  readonly text: string;
  /** The device of the fleet it goes to, from 1; always 1 without a fleet. */
  readonly device: number;
}

export interface MessageGenerator {
  /**
   * The next SMS. Within one generator no (sender, text) pair repeats, except empty hostile texts and
   * the share asked for by `repeats`, each a copy of one of the last `repeatWindowMessages`
   * fresh SMS.
   */
  next(): GeneratedMessage;
}

/** `+1555` and 7 digits: 555 numbers are reserved for fiction, so no real phone is ever named. */
const numberSpace = 10_000_000;

/** Maps 0..senders−1 onto distinct numbers: k·stride + offset mod 10⁷, stride coprime with 10⁷. */
function senderNumbers(random: SeededRandom, senders: number): (k: number) => string {
  if (!Number.isInteger(senders) || senders < 1 || senders > numberSpace) {
    throw new RangeError(`senders must be a whole number from 1 to ${numberSpace}, got ${senders}`);
  }
  const offset = random.int(0, numberSpace - 1);
  let stride = random.int(1, numberSpace - 1);
  while (stride % 2 === 0 || stride % 5 === 0) stride += 1;
  return (k) => `+1555${String((offset + k * stride) % numberSpace).padStart(7, '0')}`;
}

function textBuilder(kind: TextKind, n: number, random: SeededRandom): TextBuilder {
  switch (kind) {
    case 'ascii':
      return random.pick(asciiTexts);
    case 'unicode':
      return random.pick(unicodeTexts);
    case 'multipart':
      return multipartText;
    case 'mixed':
      return textBuilder(random.pick(['ascii', 'unicode', 'multipart'] as const), n, random);
    case 'hostile':
      // In turn rather than at random, so any run of 13 or more SMS hits every hostile case.
      return hostileTexts[(n - 1) % hostileTexts.length]!;
  }
}

/**
 * Alphanumeric senders as banks, shops and 2FA services use them: GSM 7-bit, at most 11 characters,
 * with a space, `@` (septet 0), a letter outside ASCII and an extension character (two septets).
 */
const alphanumericSenders = [
  'BANK',
  'Shop-24',
  'INFO.SMS',
  'DHL Express',
  '@Home',
  'Ärzte-Info',
  'Verify_2FA',
  'Promo€',
] as const;

/**
 * Hostile runs also vary the sender the way real networks do: a 5-digit short code, a number without
 * its `+`, a 22-character number longer than GSM's 20 digits, and an alphanumeric sender. The console's
 * `sms send` takes `[+](0-9)*` only, so the injector sends an alphanumeric one as SMS-DELIVER PDUs
 * (`sms pdu`), as a network would deliver it.
 */
function hostileSender(n: number, normal: string, fleetDevice: number | null): string {
  switch (n % 8) {
    case 0:
      return fleetSender(alphanumericSenders[(n / 8) % alphanumericSenders.length]!, fleetDevice);
    case 2:
      // A fleet's short codes carry the device's number, so no two devices share one: 51234, 512345.
      return fleetDevice === null ? `55${normal.slice(-3)}` : `5${fleetDevice}${normal.slice(-3)}`;
    case 4:
      return normal.slice(1);
    case 6:
      return `${normal}${normal.slice(-10)}`;
    default:
      return normal;
  }
}

/**
 * In a fleet an alphanumeric sender ends with the device's number (`BANK2`, `DHL Expres2`), cut to
 * GSM's 11 characters, so every device has senders of its own: the trace tells devices apart by them.
 */
function fleetSender(name: string, fleetDevice: number | null): string {
  if (fleetDevice === null) return name;
  const suffix = String(fleetDevice);
  return `${[...name].slice(0, 11 - suffix.length).join('')}${suffix}`;
}

/** The fleet's size, checked: each device needs a sender of its own. */
function fleetSize(devices: number | undefined, senders: number): number {
  const size = devices ?? 1;
  if (!Number.isInteger(size) || size < 1 || size > senders)
    throw new RangeError(`devices must be a whole number from 1 to senders (${senders}), got ${size}`);
  return size;
}

/** Creates a generator of (sender, text) pairs; the same options give the same sequence. */
export function createMessageGenerator(options: MessageGeneratorOptions): MessageGenerator {
  const repeats = options.repeats ?? defaultRepeatShare;
  if (!(repeats >= 0 && repeats <= 1)) throw new RangeError(`repeats must be a share from 0 to 1, got ${repeats}`);
  const devices = fleetSize(options.devices, options.senders);
  const random = createRandom(deriveSeed(options.seed, 'messages'));
  const sender = senderNumbers(random, options.senders);
  // The latest fresh SMS, a ring overwritten in place: memory stays flat over a soak.
  const recent: GeneratedMessage[] = [];
  // Fresh SMS only, so the hostile cases still come in turn between repeats.
  let n = 0;
  const fresh = (): GeneratedMessage => {
    n += 1;
    const text = textBuilder(options.text, n, random)(n, random);
    // Sender numbers k ≡ device − 1 (mod devices): one device, every k, drawn as it always was.
    const device = ((n - 1) % devices) + 1;
    const own = Math.floor((options.senders - device) / devices) + 1;
    const normal = sender(device - 1 + devices * random.int(0, own - 1));
    const fleetDevice = devices === 1 ? null : device;
    const message = {
      sender: options.text === 'hostile' ? hostileSender(n, normal, fleetDevice) : normal,
      text,
      device,
    };
    recent[(n - 1) % repeatWindowMessages] = message;
    return message;
  };
  return {
    next() {
      // With no repeats asked for, no die is rolled: the sequence is the one a seed always gave.
      if (repeats === 0 || recent.length === 0 || random.next() >= repeats) return fresh();
      return random.pick(recent);
    },
  };
}

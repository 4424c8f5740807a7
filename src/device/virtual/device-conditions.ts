// The virtual phone's conditions, which the radio keeps as the phone does and the app lives under:
// its network link (the console's `network delay|speed` and `gsm data`) and whether it dozes (a chaos
// step). A restarted app is started under the current ones; every change reaches a running app.
import { z } from 'zod';
import { SmsgwError } from '../../errors';
import { normalLink, type LinkState } from '../../scenario/link-profiles';

export interface DeviceConditions {
  readonly link: LinkState;
  /** Since when the phone dozes (ms since the epoch, this machine's clock); null while it is awake. */
  readonly dozingSince: number | null;
}

export const normalConditions: DeviceConditions = { link: normalLink, dozingSince: null };

const range = z.strictObject({ minMs: z.number().nonnegative(), maxMs: z.number().nonnegative() });
const rates = z.strictObject({ upKbps: z.number().nonnegative(), downKbps: z.number().nonnegative() });
const conditionsSchema = z.strictObject({
  link: z.strictObject({
    delay: range,
    speed: rates,
    data: z.enum(['unregistered', 'home', 'roaming', 'searching', 'denied']),
  }),
  dozingSince: z.number().nullable(),
});

/** Reads the conditions the radio hands a starting app (`--conditions <json>`). */
export function parseConditions(text: string): DeviceConditions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = conditionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SmsgwError('bad-option', `Expected \`--conditions\` to be the radio's conditions as JSON, got ${text}`);
}

/** The radio's copy: the console changes the link, the harness the doze; each change is told to `listener`. */
export class RadioConditions {
  private state: DeviceConditions = normalConditions;
  private readonly listeners = new Set<(conditions: DeviceConditions) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  get current(): DeviceConditions {
    return this.state;
  }

  /** What the console's `network` and `gsm data` commands read and change. */
  readonly link = {
    current: (): LinkState => this.state.link,
    change: (patch: Partial<LinkState>): void => this.update({ link: { ...this.state.link, ...patch } }),
  };

  /** Starts or ends Doze; starting it again while dozing keeps its first moment, so windows keep their pace. */
  setDozing(dozing: boolean): void {
    if (dozing === (this.state.dozingSince !== null)) return;
    this.update({ dozingSince: dozing ? this.now() : null });
  }

  onChange(listener: (conditions: DeviceConditions) => void): void {
    this.listeners.add(listener);
  }

  private update(patch: Partial<DeviceConditions>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

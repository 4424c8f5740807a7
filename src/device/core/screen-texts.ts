// What a Health screen shows, as the text on it: every device that has one (an emulator, a phone, the
// web build) reads it the same way, so the names live here and the parsers live with Appium.

/** The values the accuracy check compares, by testID suffix (`metric-<name>`). */
export const COMPARED_METRICS = [
  'queue-size',
  'pending',
  'success-rate',
  'failed',
  'today-total',
  'today-delivered',
] as const;

export type ScreenMetric = (typeof COMPARED_METRICS)[number];

/** Every `metric-*` value the screen showed, as text, by name without the prefix; a missing one is absent. */
export type ScreenTexts = Readonly<Partial<Record<ScreenMetric, string>> & Record<string, string>>;

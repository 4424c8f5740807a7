/** Defaults of load generation, in one place, with their units in the name. */
export const loadDefaults = {
  /** Share of SMS (0..1) that repeat an earlier SMS exactly when `repeats` is not given: none. */
  repeatShare: 0,
  /**
   * A repeated SMS copies one of this many latest fresh SMS: at a few SMS a second the copy lands
   * within a minute of its original, as a tracker resending its position would, and the generator
   * keeps only this many SMS in memory however long a soak runs.
   */
  repeatWindowMessages: 50,
} as const;

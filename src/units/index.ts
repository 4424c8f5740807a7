// Human strings in, numbers out (and back): the one place smsgw reads and writes units.
export { describeInput, expected, tidy, type Parsed } from './parsed';
export { durationPattern, formatDuration, parseDuration, safeParseDuration } from './duration';
export { formatRate, parseRate, ratePattern, safeParseRate } from './rate';
export { formatBytes, parseSize, safeParseSize, sizePattern } from './size';
export { formatGrowth, growthPattern, parseGrowth, safeParseGrowth } from './growth';
export { formatSpeed, maxSpeed, minSpeed, parseSpeed, safeParseSpeed, speedPattern } from './speed';
export {
  formatPercent,
  parseFraction,
  parsePercent,
  percentPattern,
  safeParseFraction,
  safeParsePercent,
} from './percent';
export {
  formatThreshold,
  formatThresholdValue,
  parseThreshold,
  passesThreshold,
  safeParseThreshold,
  thresholdPattern,
  type Threshold,
  type ThresholdOp,
  type ThresholdOptions,
  type ThresholdUnit,
} from './threshold';

// The Health dashboard's colour thresholds as pure functions, so one test pins each boundary.
import { healthThresholds } from '../config/app-defaults';
import type { OverallStatus } from '../engine/types';
import { colors, type Color } from '../theme/colors';

/** Queue > 100 orange, else blue. */
export const queueColor = (queueSize: number): Color =>
  queueSize > healthThresholds.queueWarnSize ? colors.warn : colors.info;

/** Success < 95% red, else green; nothing finished yet counts as 100% (no failure to show). */
export const successRateColor = (rate: number | null): Color =>
  rate !== null && rate < healthThresholds.successRateMin ? colors.bad : colors.good;

/** Any failed message red, else green. */
export const failedColor = (failed: number): Color => (failed > healthThresholds.failedMax ? colors.bad : colors.good);

export const statusColor = (status: OverallStatus): Color =>
  status === 'healthy' ? colors.good : status === 'degraded' ? colors.warn : colors.bad;

export const statusSurface = (status: OverallStatus): Color =>
  status === 'healthy' ? colors.goodSurface : status === 'degraded' ? colors.warnSurface : colors.badSurface;

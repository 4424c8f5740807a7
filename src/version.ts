/** The harness version, reported in User-Agent headers, reports and `--version`. */
export const VERSION = '0.1.0';

// The harness's version has one home, package.json; everything else reads it from there.
import packageJson from '../package.json' with { type: 'json' };

/** The harness version, reported in User-Agent headers, reports and `--version`. */
export const VERSION: string = packageJson.version;

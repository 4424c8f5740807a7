/** Where the stubs, the app's Kotlin and the real sources are. */
export interface StubLocations {
  readonly appRoot: string;
  readonly stubRoot: string;
  readonly appSourceRoot: string;
  /** ReactAndroid's `src/main/java`. */
  readonly realRoot: string;
  /** The Gradle plugin's `tasks` folder, whose templates are the generated classes' source. */
  readonly tasksDir: string;
  readonly pluginRoot: string;
}
export interface StubReport {
  /** One line each: `stub:line: <member> differs from <source> <path>:<line>: <real signature> (…)`. */
  readonly failures: string[];
  readonly checked: { readonly stub: string; readonly source: string }[];
  /** Stub files with no source here (Android, AndroidX), relative to the app root. */
  readonly unchecked: string[];
  /** Stub members compared with a real declaration. */
  readonly members: number;
}
/** The locations the app's build uses, resolved from `appRoot` (android-app). */
export function defaultLocations(appRoot: string): StubLocations;
/** Checks every stub against its real source; see README.md. */
export function checkStubSignatures(locations: StubLocations): StubReport;
/** Failures, then one line on what was checked and one on what was not. */
export function formatReport(report: StubReport, verbose?: boolean): string;

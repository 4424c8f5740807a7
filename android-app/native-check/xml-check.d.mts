/** One element of a parsed XML file, in document order. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  /** Index of the enclosing element in the list, or -1 for the root. */
  readonly parent: number;
  readonly line: number;
}
/** Well-formedness errors and the elements of an XML text. */
export function parseXml(text: string): { errors: string[]; elements: XmlElement[] };
/** Well-formedness errors of the XML file at `path`. */
export function checkXml(path: string): string[];
/** Every problem of the manifest at `path`, each prefixed with `AndroidManifest.xml:`. */
export function checkManifest(path: string, appPackage: string, declaredClasses: Set<string>): string[];
/** Permissions the adb shell holds and no app from a store can be granted. */
export const SHELL_ONLY_PERMISSIONS: readonly string[];
/** Who may change the webhook and the secret: the link's activity and the shell-only ConfigureReceiver. */
export function checkConfiguration(elements: readonly XmlElement[]): string[];

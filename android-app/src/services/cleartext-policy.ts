// Plain http and the phone's network security policy. Android refuses cleartext that the build's
// network security config does not allow (android/app/src/main/res/xml/network_security_config.xml:
// only 127.0.0.1, localhost and 10.0.2.2 in a release build) before a byte leaves the phone, and React
// Native's fetch reports that only as "Network request failed", which the engine would retry for days.
// So the app asks the platform first (NetworkSecurityPolicy, through SmsgwSystem) and names the refusal
// as a configuration error: in Settings when the URL is saved, on Health when the queue pauses for it.

/** Why plain http to this URL's host cannot be used on this build, with the fix; null when it can. */
export type CleartextCheck = (url: string) => Promise<string | null>;

/** What to do about it, in the words of Settings and the README. */
export const CLEARTEXT_FIX =
  'use an https URL. This build sends plain http only to 127.0.0.1, localhost and 10.0.2.2; for a server on your local network over plain http, install the LAN build (app README: "Plain http on a local network")';

/** The host of a plain `http://` URL, lower-cased (an IPv6 literal without its brackets); null for any other URL. */
export function plainHttpHost(url: string): string | null {
  const match = /^http:\/\/(?:[^\s/?#@]+@)?(\[[^\]\s/?#]*\]|[^\s:/?#@[\]]+)/i.exec(url.trim());
  return match ? match[1]!.toLowerCase().replace(/^\[(.*)\]$/, '$1') : null;
}

export const cleartextRefusal = (host: string): string =>
  `Plain http to ${host} is refused by this build's network security policy: ${CLEARTEXT_FIX}`;

/**
 * A check over the platform's answer, asked once per host: the policy is fixed in the APK and cannot
 * change while the app runs. A platform that cannot answer (an APK older than the JavaScript) counts as
 * permitting: the request then goes out, and the transport reads whatever its failure says.
 */
export function cleartextCheck(permitted: (host: string) => Promise<boolean>): CleartextCheck {
  const answers = new Map<string, Promise<boolean>>();
  return async (url) => {
    const host = plainHttpHost(url);
    if (host === null) return null;
    let answer = answers.get(host);
    if (answer === undefined) {
      answer = Promise.resolve(host)
        .then(permitted)
        .then(
          (yes) => yes !== false,
          () => true,
        );
      answers.set(host, answer);
    }
    return (await answer) ? null : cleartextRefusal(host);
  };
}

/** Off Android (Node, the tests' default): every host may be reached over plain http. */
export const cleartextAnywhere: CleartextCheck = async () => null;

// Test helper: what Android's NetworkSecurityPolicy.isCleartextTrafficPermitted(host) answers for a
// network security config of the app's own (res/xml/network_security_config.xml): the most specific
// <domain> that matches the host decides (an exact one before one that includes subdomains), else the
// <base-config>, else "no" (the default since Android 9). Only what the app's configs use is read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const appRes = join(__dirname, '..', '..', 'android', 'app', 'src');

/** The app's network security configs: the release one, debug's override, and the LAN build's. */
export const networkSecurityConfigs = {
  release: join(appRes, 'main', 'res', 'xml', 'network_security_config.xml'),
  debug: join(appRes, 'debug', 'res', 'xml', 'network_security_config.xml'),
  lan: join(appRes, 'lanCleartext', 'res', 'xml', 'network_security_config.xml'),
} as const;

interface DomainRule {
  readonly name: string;
  readonly subdomains: boolean;
  readonly permitted: boolean;
}

const flag = (attributes: string, name: string): boolean | null => {
  const value = new RegExp(`${name}="(true|false)"`).exec(attributes)?.[1];
  return value === undefined ? null : value === 'true';
};

export function cleartextPolicyOf(path: string): (host: string) => Promise<boolean> {
  const xml = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const base = flag(/<base-config([^>]*)>/.exec(xml)?.[1] ?? '', 'cleartextTrafficPermitted') ?? false;
  const rules: DomainRule[] = [];
  for (const [, attributes, inner] of xml.matchAll(/<domain-config([^>]*)>([\s\S]*?)<\/domain-config>/g)) {
    const permitted = flag(attributes!, 'cleartextTrafficPermitted') ?? base;
    for (const [, domainAttributes, name] of inner!.matchAll(/<domain([^>]*)>\s*([^<\s]+)\s*<\/domain>/g)) {
      rules.push({
        name: name!.toLowerCase(),
        subdomains: flag(domainAttributes!, 'includeSubdomains') ?? false,
        permitted,
      });
    }
  }
  return async (host) => {
    const wanted = host.toLowerCase();
    const exact = rules.find((rule) => rule.name === wanted);
    const parent = rules
      .filter((rule) => rule.subdomains && wanted.endsWith(`.${rule.name}`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    return (exact ?? parent)?.permitted ?? base;
  };
}

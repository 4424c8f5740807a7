// `npm run check:kotlin` checks the app's manifest (android-app/native-check/xml-check.mjs); these
// tests prove its rules on who may change the webhook and the secret fail when the manifest breaks them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfiguration, parseXml } from '../android-app/native-check/xml-check.mjs';

const manifest = readFileSync(
  join(import.meta.dirname, '..', 'android-app', 'android', 'app', 'src', 'main', 'AndroidManifest.xml'),
  'utf8',
);

const RECEIVER = /<receiver\s+android:name="\.config\.ConfigureReceiver"[^>]*\/>/;

function problems(text: string): string[] {
  const { errors, elements } = parseXml(text);
  expect(errors).toEqual([]);
  return checkConfiguration(elements);
}

/** The manifest with its ConfigureReceiver element replaced. */
const withReceiver = (element: string) => {
  expect(manifest).toMatch(RECEIVER);
  return manifest.replace(RECEIVER, element);
};

describe("the manifest's configuration rules", () => {
  it('pass on the app manifest: the link opens the activity, the receiver answers the shell only', () => {
    expect(problems(manifest)).toEqual([]);
  });

  it('refuse a ConfigureReceiver any app could call', () => {
    const open = withReceiver('<receiver android:name=".config.ConfigureReceiver" android:exported="true" />');
    expect(problems(open)).toEqual([
      expect.stringMatching(/ConfigureReceiver must be guarded by a permission only the adb shell holds .* got none$/),
    ]);
    const normal = withReceiver(
      '<receiver android:name=".config.ConfigureReceiver" android:exported="true" android:permission="android.permission.INTERNET" />',
    );
    expect(problems(normal)).toEqual([expect.stringContaining('got "android.permission.INTERNET"')]);
  });

  it('refuse a ConfigureReceiver with an intent filter, or one adb cannot reach', () => {
    const filtered = withReceiver(
      '<receiver android:name=".config.ConfigureReceiver" android:exported="true" android:permission="android.permission.DUMP"><intent-filter><action android:name="dev.smsgw.gateway.action.CONFIGURE" /></intent-filter></receiver>',
    );
    expect(problems(filtered)).toEqual([expect.stringContaining('must have no intent filter')]);
    const hidden = withReceiver(
      '<receiver android:name=".config.ConfigureReceiver" android:exported="false" android:permission="android.permission.DUMP" />',
    );
    expect(problems(hidden)).toEqual([expect.stringContaining('must be android:exported="true"')]);
    expect(problems(withReceiver(''))).toEqual([
      'no <receiver android:name=".config.ConfigureReceiver"> for unattended configuration',
    ]);
  });

  it('refuse a smsgw://configure link delivered anywhere but the activity that asks first', () => {
    const onReceiver = withReceiver(
      '<receiver android:name=".config.ConfigureReceiver" android:exported="true" android:permission="android.permission.DUMP" />' +
        '<receiver android:name=".config.LinkReceiver" android:exported="true"><intent-filter>' +
        '<action android:name="android.intent.action.VIEW" /><data android:scheme="smsgw" android:host="configure" />' +
        '</intent-filter></receiver>',
    );
    expect(problems(onReceiver)).toEqual([
      expect.stringMatching(/the smsgw:\/\/configure link must only open an activity.*found it on <receiver>$/),
    ]);
  });
});

// The state behind the Settings screen: the saved settings, the form being edited (text, validated only
// on save), and the test webhook's verdict. Everything goes through the injected AppService.
import { useCallback, useEffect, useState } from 'react';
import { useAppPorts, useAppService } from '../services/app-ports';
import type { AppSettings, SettingsPatch } from '../services/settings-store';
import { describeOutcome } from '../utils/describe-outcome';

export type SettingsForm = { webhookUrl: string; secret: string; maxAgeDays: string; maxAttempts: string };

const toForm = (settings: AppSettings): SettingsForm => ({
  webhookUrl: settings.webhookUrl,
  secret: settings.secret,
  maxAgeDays: String(settings.maxAgeDays),
  maxAttempts: String(settings.maxAttempts),
});

// Number('') is 0 and Number(' 3 ') is 3: keep the text's own verdict, validation names the field.
const toNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

const toPatch = (form: SettingsForm): SettingsPatch => ({
  webhookUrl: form.webhookUrl.trim(),
  secret: form.secret,
  maxAgeDays: toNumber(form.maxAgeDays),
  maxAttempts: toNumber(form.maxAttempts),
});

export interface LoadedSettingsForm {
  readonly settings: AppSettings;
  readonly form: SettingsForm;
  /** What the last save refused, one line per field. */
  readonly problems: readonly string[];
  /** True after a save, until the next edit. */
  readonly saved: boolean;
  readonly edit: (key: keyof SettingsForm) => (text: string) => void;
  readonly save: () => Promise<void>;
  readonly togglePause: () => Promise<void>;
  /** The recovery switch: persisted at once, like pause. */
  readonly setRecoverMissedSms: (on: boolean) => Promise<void>;
}

/** The settings form; null until the settings are loaded. */
export function useSettingsForm(): LoadedSettingsForm | null {
  const appService = useAppService();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void appService.settings().then((loaded) => {
      if (!live) return;
      setSettings(loaded);
      setForm(toForm(loaded));
    });
    return () => {
      live = false;
    };
  }, [appService]);

  if (settings === null || form === null) return null;
  const edit = (key: keyof SettingsForm) => (text: string) => {
    setForm({ ...form, [key]: text });
    setSaved(false);
  };
  const save = async () => {
    const result = await appService.saveSettings(toPatch(form));
    if (result.kind === 'invalid') {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setSettings(result.settings);
    setSaved(true);
  };
  const togglePause = async () => setSettings(await appService.setPaused(!settings.paused));
  const setRecoverMissedSms = async (on: boolean) => {
    const result = await appService.saveSettings({ recoverMissedSms: on });
    if (result.kind === 'saved') setSettings(result.settings);
  };
  return { settings, form, problems, saved, edit, save, togglePause, setRecoverMissedSms };
}

/** READ_SMS, which the recovery switch needs: null until known, a way to ask for it, and App info once refused. */
export function useReadSmsPermission() {
  const { device } = useAppPorts();
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    // No native side (a test without it): say "not granted" rather than nothing.
    device.readSmsGranted().then(
      (answer) => live && setGranted(answer),
      () => live && setGranted(false),
    );
    return () => {
      live = false;
    };
  }, [device]);
  // Refused: Android may have shown no dialog at all ("Don't ask again", or a restricted setting), so
  // the card shows the way by hand.
  const [refused, setRefused] = useState(false);
  const request = useCallback(async () => {
    const answer = await device.requestReadSms();
    setGranted(answer);
    setRefused(!answer);
  }, [device]);
  const openAppSettings = useCallback(() => void device.openAppSettings(), [device]);
  return { granted, refused, request, openAppSettings };
}

/** "Send test webhook": whether one is on its way, and the verdict in words (null before the first). */
export function useTestWebhook() {
  const appService = useAppService();
  const [result, setResult] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const send = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(describeOutcome(await appService.sendTestWebhook()));
    } catch (error) {
      setResult(`Test failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setTesting(false);
    }
  };
  return { result, testing, send };
}

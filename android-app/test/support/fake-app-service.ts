// An AppService and DeviceSetup in memory for screen tests: no engine, no native module.
import type { LoggedError, SendOutcome } from '../../src/engine';
import type { Health, StoredMessage } from '../../src/engine/types';
import type { AppService, DeviceSetup, SaveSettingsResult } from '../../src/services/app-service';
import type { AppPermission, PermissionAnswer } from '../../src/services/native-ports';
import { settingsProblems, type AppSettings, type SettingsPatch } from '../../src/services/settings-store';
import { healthFixture } from './health-fixture';

export class FakeAppService implements AppService {
  settingsValue: AppSettings = {
    webhookUrl: '',
    secret: '',
    maxAgeDays: 3,
    maxAttempts: 50,
    paused: false,
    recoverMissedSms: true,
    deviceId: 'phone-1',
  };
  messages: StoredMessage[] = [];
  /** The error log, newest first, as listErrors returns it. */
  errors: LoggedError[] = [];
  health: Health = healthFixture();
  testOutcome: SendOutcome = { kind: 'delivered', httpStatus: 200 };
  readonly saved: SettingsPatch[] = [];
  readonly replayed: (readonly string[] | undefined)[] = [];

  async load() {
    return this.health;
  }
  async settings() {
    return this.settingsValue;
  }
  async saveSettings(patch: SettingsPatch): Promise<SaveSettingsResult> {
    const problems = settingsProblems(patch);
    if (problems.length > 0) return { kind: 'invalid', problems };
    this.saved.push(patch);
    this.settingsValue = { ...this.settingsValue, ...patch };
    return { kind: 'saved', settings: this.settingsValue };
  }
  async sendTestWebhook() {
    return this.testOutcome;
  }
  async setPaused(paused: boolean) {
    this.settingsValue = { ...this.settingsValue, paused };
    return this.settingsValue;
  }
  async listMessages(options: { status?: StoredMessage['status']; limit?: number } = {}) {
    return this.messages
      .filter((message) => !options.status || message.status === options.status)
      .slice(0, options.limit ?? 100);
  }
  async replayFailed(messageIds?: readonly string[]) {
    this.replayed.push(messageIds);
    let count = 0;
    this.messages = this.messages.map((message) => {
      if (message.status !== 'failed' || (messageIds && !messageIds.includes(message.messageId))) return message;
      count++;
      return { ...message, status: 'pending', attempts: 0 };
    });
    return count;
  }
  async listErrors(limit = 100) {
    return this.errors.slice(0, limit);
  }
}

export class FakeDeviceSetup implements DeviceSetup {
  /** Android 14 unless a test says otherwise. */
  apiLevel = 34;
  missing: AppPermission[] = [];
  batteryExempt = true;
  /** How Android answers a request for each permission. Default: granted. */
  answers: Partial<Record<AppPermission, PermissionAnswer>> = {};
  /** Every permission asked for, in order. */
  readonly requested: AppPermission[] = [];
  /** How often the app's page in the system settings was opened. */
  settingsOpened = 0;
  /** READ_SMS, for the optional recovery of missed SMS. Default: not granted. */
  readSms = false;
  /** Whether the user grants READ_SMS when asked. Default: yes. */
  readSmsAfterRequest = true;
  readSmsRequests = 0;
  async missingPermissions() {
    return this.missing;
  }
  async requestPermission(permission: AppPermission) {
    this.requested.push(permission);
    const answer = this.answers[permission] ?? 'granted';
    if (answer === 'granted') this.missing = this.missing.filter((missing) => missing !== permission);
    return answer;
  }
  async openAppSettings() {
    this.settingsOpened++;
  }
  async isIgnoringBatteryOptimizations() {
    return this.batteryExempt;
  }
  async requestIgnoreBatteryOptimizations() {
    this.batteryExempt = true;
  }
  async readSmsGranted() {
    return this.readSms;
  }
  async requestReadSms() {
    this.readSmsRequests++;
    this.readSms = this.readSmsAfterRequest;
    return this.readSms;
  }
  /** How often "Retry now" asked the native side for a background pass. */
  retryNowCalls = 0;
  /** When set, retryNow() rejects with it (the native module is missing or refused). */
  failRetryNow: Error | null = null;
  async retryNow() {
    this.retryNowCalls++;
    if (this.failRetryNow) throw this.failRetryNow;
  }
}

let nextId = 0;

/** An error log row; a distinct id each call, no message or HTTP status unless given. */
export function loggedError(overrides: Partial<LoggedError> = {}): LoggedError {
  nextId++;
  return {
    id: nextId,
    at: 0,
    category: 'network',
    message: `error ${nextId}`,
    messageId: null,
    httpStatus: null,
    ...overrides,
  };
}

export function storedMessage(overrides: Partial<StoredMessage> = {}): StoredMessage {
  nextId++;
  return {
    id: nextId,
    messageId: `m-${nextId}`,
    sender: `+4670000${nextId}`,
    body: `message ${nextId}`,
    parts: 1,
    receivedAt: 0,
    simSlot: 0,
    seq: nextId,
    status: 'delivered',
    attempts: 1,
    nextAttemptAt: 0,
    leaseUntil: null,
    lastError: null,
    lastErrorCategory: null,
    httpStatus: 200,
    deliveredAt: 1,
    createdAt: 0,
    latencyMs: 1,
    ...overrides,
  };
}

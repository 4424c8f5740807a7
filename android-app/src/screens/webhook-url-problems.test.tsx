// The Health and Settings screens over the real app service, engine and fetch transport: a webhook the
// phone cannot use as set (a redirect OkHttp follows, plain http the build refuses) is a configuration
// error a person sees at once, never a delivery and never a network error retried for days.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { fetch as reactNativeFetch } from 'whatwg-fetch';
import { createAppService, type RunningAppService } from '../services/app-service';
import { AppPortsContext } from '../services/app-ports';
import { cleartextCheck, type CleartextCheck } from '../services/cleartext-policy';
import { createFetchTransport, type FetchLike } from '../services/fetch-transport';
import { createOpSqliteDb } from '../services/op-sqlite-db';
import { FakeDeviceSetup } from '../../test/support/fake-app-service';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite, type FakeOpSqlite } from '../../test/support/fake-op-sqlite';
import { cleartextPolicyOf, networkSecurityConfigs } from '../../test/support/network-security-policy';
import { useOkHttpXhr } from '../../test/support/okhttp-xhr';
import { HealthScreen } from './HealthScreen';
import { SettingsScreen } from './SettingsScreen';

const services: RunningAppService[] = [];
let server: Server | null = null;
let restoreXhr: (() => void) | null = null;

afterEach(async () => {
  for (const service of services.splice(0)) await service.engine.stop();
  restoreXhr?.();
  restoreXhr = null;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function appService(
  fetch: FetchLike,
  cleartext?: CleartextCheck,
  connection: FakeOpSqlite = fakeOpSqlite(),
): Promise<{ service: RunningAppService; inbox: FakeInbox }> {
  const inbox = new FakeInbox();
  const service = await createAppService({
    db: createOpSqliteDb(connection),
    transport: createFetchTransport({ fetch, ...(cleartext ? { cleartext } : {}) }),
    inbox,
    newDeviceId: () => 'phone-1',
    ...(cleartext ? { cleartext } : {}),
  });
  services.push(service);
  return { service, inbox };
}

const releaseBuild = () => cleartextCheck(cleartextPolicyOf(networkSecurityConfigs.release));
const neverSends: FetchLike = () => Promise.reject(new Error('nothing may be sent'));

describe('a webhook the phone cannot use as set', () => {
  it('shows a redirect that OkHttp followed as a paused queue on Health, with the final URL, and delivers nothing', async () => {
    const seen: string[] = [];
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      request.resume();
      if (request.url === '/sms') response.writeHead(302, { Location: '/moved' }).end();
      else response.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    restoreXhr = useOkHttpXhr();
    const { service, inbox } = await appService(reactNativeFetch as unknown as FetchLike);
    expect(await service.saveSettings({ webhookUrl: `${base}/sms` })).toMatchObject({ kind: 'saved' });

    inbox.add(inboxRow());
    await service.runBackgroundPass(2_000);

    expect(seen).toEqual(['POST /sms', 'GET /moved']);
    const reason = `Webhook redirected to ${base}/moved: set the final URL in Settings`;
    expect(await service.load()).toMatchObject({ delivered: 0, queueSize: 1, paused: { reason } });
    render(<HealthScreen source={service} refreshIntervalMs={60_000} />);
    expect(await screen.findByText(`• queue paused: ${reason}`)).toBeTruthy();
  });

  it('refuses to save a LAN URL over plain http that a release build cannot reach, and says how to fix it', async () => {
    const { service } = await appService(neverSends, releaseBuild());
    render(
      <AppPortsContext.Provider value={{ appService: service, device: new FakeDeviceSetup() }}>
        <SettingsScreen />
      </AppPortsContext.Provider>,
    );
    expect((await screen.findByTestId('settings-webhook-url-help')).props.children).toMatch(/LAN build/);
    fireEvent.changeText(screen.getByTestId('settings-webhook-url'), 'http://192.168.1.20:8080/sms');
    fireEvent.press(screen.getByTestId('settings-save'));

    const problems = await screen.findAllByTestId('settings-problem');
    expect(problems.map((node) => node.props.children)).toEqual([
      expect.stringMatching(
        /^Plain http to 192\.168\.1\.20 is refused by this build's network security policy: use an https URL\. .*LAN/,
      ),
    ]);
    expect((await service.settings()).webhookUrl).toBe('');
    expect(await service.saveSettings({ webhookUrl: 'http://127.0.0.1:8787/webhook' })).toMatchObject({
      kind: 'saved',
    });
  });

  it('pauses on a plain-http URL saved before this build refused it, sending nothing, and says why on Health', async () => {
    const connection = fakeOpSqlite();
    const before = await appService(neverSends, undefined, connection);
    await before.service.saveSettings({ webhookUrl: 'http://192.168.1.20:8080/sms' });
    await before.service.engine.stop();

    const { service, inbox } = await appService(neverSends, releaseBuild(), connection);
    inbox.add(inboxRow());
    await service.runBackgroundPass(1_000);

    const reason =
      "Plain http refused by the phone's network security policy (CLEARTEXT_NOT_PERMITTED): set an https webhook URL in Settings";
    expect(await service.load()).toMatchObject({ delivered: 0, retrying: 0, queueSize: 1, paused: { reason } });
    render(<HealthScreen source={service} refreshIntervalMs={60_000} />);
    expect(await screen.findByText(`• queue paused: ${reason}`)).toBeTruthy();
  });
});

// The phone's side of a webhook server that echoes its request: the SMS comes back in the answer,
// and neither the Health screen nor the Errors screen may show it, only the status in the app's words.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { FakeTransport, respond } from '../../test/support';
import { createAppService, type RunningAppService } from '../services/app-service';
import { createOpSqliteDb } from '../services/op-sqlite-db';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';
import { FakeDeviceSetup } from '../../test/support/fake-app-service';
import { AppShell } from './AppShell';

const services: RunningAppService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.engine.stop();
});

/** Every text on screen, joined: what a person holding the phone can read. */
function shownText(): string {
  return screen.UNSAFE_root.findAll((node) => typeof node.props.children === 'string')
    .map((node) => node.props.children as string)
    .join('\n');
}

describe('a webhook that answers with the SMS it was sent', () => {
  it("shows the status in the app's words on the Health and Errors screens, and nothing of the answer", async () => {
    const echo = new FakeTransport((request) => respond(400, { 'content-type': 'application/json' }, request.body));
    const inbox = new FakeInbox();
    const service = await createAppService({
      db: createOpSqliteDb(fakeOpSqlite()),
      transport: echo,
      inbox,
      newDeviceId: () => 'phone-1',
    });
    services.push(service);
    await service.saveSettings({ webhookUrl: 'https://hooks.example/sms' });
    inbox.add(inboxRow({ sender: '+15557778888', body: 'my secret PIN is 4321' }));
    await service.runBackgroundPass(5_000);
    expect(echo.requests[0]?.body).toContain('my secret PIN is 4321');

    render(
      <AppShell
        ports={{ appService: service, device: new FakeDeviceSetup() }}
        linking={{ getInitialURL: async () => null, addEventListener: () => ({ remove: () => {} }) }}
      />,
    );
    const expected = 'HTTP 400 Bad Request (client error): the webhook refused this message, not retried';
    expect((await screen.findByTestId('metric-last-error')).props.children).toBe(expected);
    expect(shownText()).not.toMatch(/PIN|is 4321|5557778888/);

    fireEvent.press(screen.getByTestId('tab-errors'));
    await screen.findByTestId('error-1');
    // Once as the last error, once as the logged one.
    expect(screen.getAllByText(expected)).toHaveLength(2);
    expect(shownText()).toContain('http-rejected · HTTP 400');
    expect(shownText()).not.toMatch(/PIN|is 4321|5557778888/);
  });
});

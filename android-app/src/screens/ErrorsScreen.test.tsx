import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react-native';
import { fixtureNowMs, healthFixture } from '../../test/support/health-fixture';
import { FakeAppService, FakeDeviceSetup, loggedError } from '../../test/support/fake-app-service';
import { ErrorsScreen } from './ErrorsScreen';
import { renderWithPorts } from '../../test/support/render-with-ports';

const HOUR_MS = 3_600_000;

/** A log, newest first, with one error that belongs to no message. */
function appServiceWithErrors() {
  const appService = new FakeAppService();
  appService.errors = [
    loggedError({
      id: 4,
      at: fixtureNowMs - 2 * HOUR_MS,
      category: 'network',
      message: 'ECONNREFUSED: refused',
      messageId: 'm-a',
    }),
    loggedError({
      id: 3,
      at: fixtureNowMs - 3 * HOUR_MS,
      category: 'database',
      message: 'SQLITE_FULL: database or disk is full',
    }),
    loggedError({
      id: 2,
      at: fixtureNowMs - 5 * 60_000,
      category: 'http-rejected',
      message: 'HTTP 422: bad payload',
      messageId: 'm-b',
      httpStatus: 422,
    }),
    loggedError({
      id: 1,
      at: fixtureNowMs - 26 * HOUR_MS,
      category: 'network',
      message: 'ETIMEDOUT: slow',
      messageId: 'm-a',
    }),
  ];
  appService.health = healthFixture({
    lastError: { message: 'ECONNREFUSED: refused', category: 'network', at: fixtureNowMs - 2 * HOUR_MS },
  });
  return appService;
}

describe('ErrorsScreen', () => {
  it('counts the error log per category', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    expect(await screen.findByLabelText('network: 2')).toBeTruthy();
    expect(screen.getByLabelText('http-rejected: 1')).toBeTruthy();
    expect(screen.getByLabelText('database: 1')).toBeTruthy();
    expect(screen.getByLabelText('permissions: 0')).toBeTruthy();
  });

  it('lists every logged error by its log id, newest first', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    await screen.findByTestId('error-4');
    const ids = screen.getAllByTestId(/^error-\d+$/).map((entry) => entry.props.testID);
    expect(ids).toEqual(['error-4', 'error-3', 'error-2', 'error-1']);
  });

  it('lists an error that belongs to no message, without a message id', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    const entry = within(await screen.findByTestId('error-3'));
    expect(entry.getByText('database · 3 hours ago')).toBeTruthy();
    expect(entry.getByText('SQLITE_FULL: database or disk is full')).toBeTruthy();
    expect(screen.queryByTestId('error-message-id-3')).toBeNull();
  });

  it('shows the HTTP status, how long ago, and the message id of a rejected delivery', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    const entry = within(await screen.findByTestId('error-2'));
    expect(entry.getByText('http-rejected · HTTP 422 · 5 minutes ago')).toBeTruthy();
    expect(entry.getByText('HTTP 422: bad payload')).toBeTruthy();
    expect(entry.getByText('message m-b')).toBeTruthy();
  });

  it('filters by a category when it is pressed, and clears on a second press', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    fireEvent.press(await screen.findByTestId('error-category-database'));
    expect(screen.getByTestId('error-3')).toBeTruthy();
    expect(screen.queryByTestId('error-4')).toBeNull();
    expect(screen.queryByTestId('error-2')).toBeNull();
    expect(screen.getByTestId('error-category-database').props.accessibilityState).toMatchObject({ selected: true });
    fireEvent.press(screen.getByTestId('error-category-database'));
    expect(screen.getAllByTestId(/^error-\d+$/)).toHaveLength(4);
  });

  it('says "No errors" when the filter matches nothing', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    fireEvent.press(await screen.findByTestId('error-category-permissions'));
    expect(screen.getByTestId('errors-empty')).toBeTruthy();
    expect(screen.queryByTestId(/^error-\d+$/)).toBeNull();
  });

  it('shows the latest error and how long ago it happened', async () => {
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors());
    expect(await screen.findByLabelText('Last error time: 2 hours ago')).toBeTruthy();
    expect(screen.getByLabelText('Last error: ECONNREFUSED: refused')).toBeTruthy();
  });

  it('says "No errors" when nothing went wrong', async () => {
    renderWithPorts(<ErrorsScreen />);
    expect(await screen.findByTestId('errors-empty')).toHaveTextContent('No errors');
    expect(screen.getByLabelText('network: 0')).toBeTruthy();
  });

  it('shows how many SMS were given up on, with the log entry of the attempt that used up the budget', async () => {
    const appService = new FakeAppService();
    appService.errors = [
      loggedError({
        id: 7,
        at: fixtureNowMs - 60_000,
        category: 'network',
        message: 'Gave up after 50 attempt(s) over 11.2 h: ECONNREFUSED: refused',
        messageId: 'm-c',
      }),
    ];
    appService.health = healthFixture({ failed: 3, gaveUp: 2 });
    renderWithPorts(<ErrorsScreen />, appService);
    expect(await screen.findByLabelText('Given up: 2 SMS')).toBeTruthy();
    expect(within(screen.getByTestId('error-7')).getByText(/^Gave up after 50 attempt\(s\)/)).toBeTruthy();
  });

  it('shows no given-up card while nothing was given up, however many the server refused', async () => {
    const appService = appServiceWithErrors();
    appService.health = healthFixture({ failed: 1, gaveUp: 0 });
    renderWithPorts(<ErrorsScreen />, appService);
    await screen.findByTestId('error-4');
    expect(screen.queryByTestId('card-gave-up')).toBeNull();
  });

  it('asks the phone for a background pass at once when Retry now is pressed', async () => {
    const device = new FakeDeviceSetup();
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors(), device);
    await screen.findByTestId('error-4');
    expect(device.retryNowCalls).toBe(0);
    fireEvent.press(screen.getByTestId('errors-retry-now'));
    expect(await screen.findByTestId('errors-retry-note')).toHaveTextContent(
      'Retrying in the background: press Refresh to see how it went',
    );
    expect(device.retryNowCalls).toBe(1);
  });

  it('says why Retry now could not ask for a pass', async () => {
    const device = new FakeDeviceSetup();
    device.failRetryNow = new Error('Native module SmsgwSystem is not linked');
    renderWithPorts(<ErrorsScreen />, appServiceWithErrors(), device);
    fireEvent.press(await screen.findByTestId('errors-retry-now'));
    expect(await screen.findByTestId('errors-retry-note')).toHaveTextContent(
      'Could not retry: Native module SmsgwSystem is not linked',
    );
  });

  it('re-reads the log when Refresh is pressed', async () => {
    const appService = appServiceWithErrors();
    renderWithPorts(<ErrorsScreen />, appService);
    await screen.findByTestId('error-4');
    appService.errors = [
      loggedError({ id: 5, at: fixtureNowMs, category: 'permissions', message: 'RECEIVE_SMS revoked' }),
      ...appService.errors,
    ];
    expect(screen.queryByTestId('error-5')).toBeNull();
    fireEvent.press(screen.getByTestId('errors-refresh'));
    const entry = within(await screen.findByTestId('error-5'));
    expect(entry.getByText('permissions · Just now')).toBeTruthy();
    expect(screen.getByLabelText('permissions: 1')).toBeTruthy();
  });
});

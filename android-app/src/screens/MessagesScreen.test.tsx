import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react-native';
import { FakeAppService, storedMessage } from '../../test/support/fake-app-service';
import { MessagesScreen } from './MessagesScreen';
import { renderWithPorts } from '../../test/support/render-with-ports';

function appServiceWith() {
  const appService = new FakeAppService();
  appService.messages = [
    storedMessage({ messageId: 'ok-1', status: 'delivered', body: 'hello' }),
    storedMessage({
      messageId: 'bad-1',
      status: 'failed',
      lastError: 'HTTP 422: nope',
      lastErrorCategory: 'http-rejected',
      httpStatus: 422,
    }),
    storedMessage({
      messageId: 'bad-2',
      status: 'failed',
      lastError: 'HTTP 400',
      lastErrorCategory: 'http-rejected',
      httpStatus: 400,
    }),
  ];
  return appService;
}

describe('MessagesScreen', () => {
  it('lists recent messages with their status and last error', async () => {
    renderWithPorts(<MessagesScreen />, appServiceWith());
    expect(await screen.findByTestId('message-ok-1')).toBeTruthy();
    expect(screen.getByTestId('message-status-bad-1').props.children).toBe('failed');
    expect(screen.getByTestId('message-error-bad-1').props.children).toBe('http-rejected: HTTP 422: nope');
    expect(screen.queryByTestId('replay-ok-1')).toBeNull();
  });

  it('shows only failed messages under the Failed filter', async () => {
    renderWithPorts(<MessagesScreen />, appServiceWith());
    await screen.findByTestId('message-ok-1');
    fireEvent.press(screen.getByTestId('messages-filter-failed'));
    expect(await screen.findByTestId('replay-all')).toBeTruthy();
    expect(screen.queryByTestId('message-ok-1')).toBeNull();
    expect(screen.getByTestId('message-bad-2')).toBeTruthy();
  });

  it('replays one failed message and reloads the list', async () => {
    const { appService } = renderWithPorts(<MessagesScreen />, appServiceWith());
    fireEvent.press(await screen.findByTestId('replay-bad-1'));
    expect((await screen.findByTestId('messages-notice')).props.children).toBe('Replayed 1 message');
    expect(appService.replayed).toEqual([['bad-1']]);
    expect(screen.getByTestId('message-status-bad-1').props.children).toBe('pending');
  });

  it('replays every failed message at once', async () => {
    const { appService } = renderWithPorts(<MessagesScreen />, appServiceWith());
    await screen.findByTestId('message-ok-1');
    fireEvent.press(screen.getByTestId('messages-filter-failed'));
    fireEvent.press(await screen.findByTestId('replay-all'));
    expect((await screen.findByTestId('messages-notice')).props.children).toBe('Replayed 2 messages');
    expect(appService.replayed).toEqual([undefined]);
    expect(await screen.findByText('No failed messages')).toBeTruthy();
  });

  it('says so when there are no messages yet', async () => {
    renderWithPorts(<MessagesScreen />);
    expect(await screen.findByText('No messages yet')).toBeTruthy();
  });
});

import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react-native';
import { fixtureNowMs, healthFixture } from '../services/testing/health-fixture';
import { FakeGatewayApi, storedMessage } from '../services/testing/fake-gateway-api';
import { ErrorsScreen } from './ErrorsScreen';
import { renderWithPorts } from './render-with-ports';

function gatewayWith() {
  const gateway = new FakeGatewayApi();
  gateway.messages = [
    storedMessage({ messageId: 'a', status: 'retrying', lastError: 'ECONNREFUSED: refused', lastErrorCategory: 'network' }),
    storedMessage({ messageId: 'b', status: 'failed', lastError: 'HTTP 422', lastErrorCategory: 'http-rejected' }),
    storedMessage({ messageId: 'c', status: 'delivered', lastError: 'ETIMEDOUT: slow', lastErrorCategory: 'network' }),
    storedMessage({ messageId: 'd', status: 'delivered' }),
  ];
  gateway.health = healthFixture({ lastError: { message: 'ECONNREFUSED: refused', category: 'network', at: fixtureNowMs - 2 * 3_600_000 } });
  return gateway;
}

describe('ErrorsScreen', () => {
  it('counts errors per category', async () => {
    renderWithPorts(<ErrorsScreen />, gatewayWith());
    expect(await screen.findByLabelText('network: 2')).toBeTruthy();
    expect(screen.getByLabelText('http-rejected: 1')).toBeTruthy();
    expect(screen.getByLabelText('database: 0')).toBeTruthy();
  });

  it('lists only messages that carry an error', async () => {
    renderWithPorts(<ErrorsScreen />, gatewayWith());
    expect(await screen.findByTestId('error-a')).toBeTruthy();
    expect(screen.getByTestId('error-c')).toBeTruthy();
    expect(screen.queryByTestId('error-d')).toBeNull();
  });

  it('filters by a category when it is pressed, and clears on a second press', async () => {
    renderWithPorts(<ErrorsScreen />, gatewayWith());
    fireEvent.press(await screen.findByTestId('error-category-http-rejected'));
    expect(screen.queryByTestId('error-a')).toBeNull();
    expect(screen.getByTestId('error-b')).toBeTruthy();
    fireEvent.press(screen.getByTestId('error-category-http-rejected'));
    expect(screen.getByTestId('error-a')).toBeTruthy();
  });

  it('shows the latest error and how long ago it happened', async () => {
    renderWithPorts(<ErrorsScreen />, gatewayWith());
    expect(await screen.findByText('2 hours ago')).toBeTruthy();
  });

  it('says "No errors" when nothing went wrong', async () => {
    renderWithPorts(<ErrorsScreen />);
    expect(await screen.findByTestId('errors-empty')).toBeTruthy();
  });
});

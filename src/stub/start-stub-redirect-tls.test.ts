// The redirect fault against a client that follows redirects, and the TLS fault against a client
// that refuses an untrusted certificate and one that ignores it: real clients, real sockets.
import { request as httpsRequest } from 'node:https';
import { describe, expect, it, vi } from 'vitest';
import { ExitCode, SmsgwError } from '../errors';
import type { Fault } from '../scenario/fault-schema';
import { selfSignedCertificate } from './self-signed-certificate';
import type { StubOptions } from './stub-options';
import { describeWithTools } from '../../test/support/require-tool';
import { ledgerFile, ledgerRows, stubsClosedAfterEach } from '../../test/support/stub-ledger';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';

const start = stubsClosedAfterEach();

const redirect = (status: 301 | 302 | 307 | 308, rate = 1): Fault => ({
  kind: 'redirect',
  status,
  to: '/elsewhere',
  rate,
  window: null,
});

/** A stub with a ledger file, and what it recorded, oldest first: method aside, what the ledger's rows say. */
const startRecording = async (options: StubOptions) => {
  const ledgerPath = ledgerFile();
  const stub = await start({ ...options, ledgerPath });
  const rows = () =>
    ledgerRows(stub, ledgerPath).map(({ status, outcome, faults, messageId }) => ({
      status,
      outcome,
      faults,
      messageId,
    }));
  return { stub, rows };
};

describe('the redirect fault', () => {
  it.each([301, 302] as const)(
    'sends a POST to `to` with %i; fetch follows it as a GET, gets a 200, and nothing is accepted',
    async (status) => {
      const { stub, rows } = await startRecording({ faults: [redirect(status)] });
      const { body, headers } = webhookRequest(webhookPayload(1));
      const response = await fetch(stub.url, { method: 'POST', body, headers });
      expect([response.status, response.redirected, new URL(response.url).pathname]).toEqual([200, true, '/elsewhere']);
      expect(await response.json()).toEqual({ status: 'redirected', accepted: false });
      expect(rows()).toEqual([
        { status, outcome: 'fault', faults: [`redirect:${status}`], messageId: 'msg-1' },
        // The GET keeps the Idempotency-Key header, so the row still names the SMS it lost.
        { status: 200, outcome: 'fault', faults: ['redirect-followed'], messageId: 'msg-1' },
      ]);
      expect([...stub.ledger.accepted()]).toEqual([]);
      expect(stub.stats()).toMatchObject({ requests: 2, accepted: 0, faults: { redirect: 1, redirectFollowed: 1 } });
    },
  );

  it('gets a POST again at `to` with 307 from a following client, answered 200 and not accepted', async () => {
    const stub = await start({ faults: [redirect(307)] });
    const { body, headers } = webhookRequest(webhookPayload(1));
    const response = await fetch(stub.url, { method: 'POST', body, headers });
    expect([response.status, new URL(response.url).pathname]).toEqual([200, '/elsewhere']);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 0, faults: { redirect: 1, redirectFollowed: 1 } });
  });

  it('answers the redirect with its Location to a client that does not follow it', async () => {
    const stub = await start({ faults: [redirect(308)] });
    const { body, headers } = webhookRequest(webhookPayload(1));
    const response = await fetch(stub.url, { method: 'POST', body, headers, redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([308, '/elsewhere']);
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 0, faults: { redirect: 1, redirectFollowed: 0 } });
  });
});

/** One POST over HTTPS with node's own client; its error's code when it fails. */
function postHttps(url: string, rejectUnauthorized?: boolean): Promise<{ status: number } | { error: string }> {
  const { body, headers } = webhookRequest(webhookPayload(1));
  return new Promise((resolve) => {
    const options = {
      method: 'POST',
      headers,
      agent: false as const,
      ...(rejectUnauthorized === false ? { rejectUnauthorized } : {}),
    };
    const req = httpsRequest(url, options, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

describeWithTools(['openssl'], 'the TLS fault', () => {
  const tls: Fault = { kind: 'tls', certificate: 'self-signed' };

  it('serves HTTPS; a default client refuses the certificate, and the stub counts the refused handshake', async () => {
    const stub = await start({ faults: [tls] });
    expect(stub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/webhook$/);
    expect(await postHttps(stub.url)).toEqual({ error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    await vi.waitFor(() => expect(stub.ledger.tlsRefusals()).toBe(1), { timeout: 10_000 });
    const refused = await fetch(stub.url, { method: 'POST', body: '{}' }).catch(
      (error: { cause?: { code?: string } }) => error,
    );
    expect(refused).toMatchObject({ cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    await vi.waitFor(() => expect(stub.stats().tlsRefusals).toBe(2), { timeout: 10_000 });
    expect(stub.stats()).toMatchObject({ requests: 0, accepted: 0 });
  });

  it('serves and records a client that ignores the certificate, and counts no refusal for it', async () => {
    const stub = await start({ faults: [tls] });
    expect(await postHttps(stub.url, false)).toEqual({ status: 200 });
    expect([...stub.ledger.accepted()].map((message) => message.messageId)).toEqual(['msg-1']);
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 1, tlsRefusals: 0 });
  });

  it('applies the other faults over HTTPS: a reset is still a reset', async () => {
    const stub = await start({ faults: [tls, { kind: 'reset', rate: 1, window: null }] });
    expect(await postHttps(stub.url, false)).toEqual({ error: 'ECONNRESET' });
    expect(stub.stats()).toMatchObject({ requests: 1, faults: { reset: 1 } });
  });

  it('is exit 3 in one line when openssl cannot be found', async () => {
    const error = await selfSignedCertificate('smsgw-no-such-openssl').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error).toMatchObject({ code: 'stub-unavailable', exitCode: ExitCode.environment });
    expect((error as SmsgwError).message).toMatch(/^The stub cannot serve HTTPS .*was not found on the PATH/);
    expect((error as SmsgwError).message).not.toContain('\n');
  });
});

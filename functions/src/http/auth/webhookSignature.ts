// Verifies Zendesk's webhook signature: base64(HMAC-SHA256(secret, timestamp + raw body)), with a
// freshness window against replays. Web Crypto only, so it runs on every platform.
import { AppError } from '../../domain/errors.js';

const MAX_SKEW_MS = 5 * 60_000;

function base64(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function signZendeskPayload(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(timestamp + body)));
}

export async function verifyZendeskSignature(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: string;
  now: Date;
}): Promise<void> {
  if (!input.signature || !input.timestamp) throw new AppError('invalid_signature', 'missing X-Zendesk-Webhook-Signature or -Timestamp header');
  const expected = await signZendeskPayload(input.secret, input.timestamp, input.body);
  if (!constantTimeEqual(expected, input.signature)) throw new AppError('invalid_signature', 'webhook signature does not match');
  // Zendesk sends ISO-8601; accept unix seconds too.
  const t = /^\d+$/.test(input.timestamp) ? Number(input.timestamp) * 1000 : Date.parse(input.timestamp);
  if (!Number.isFinite(t) || Math.abs(input.now.getTime() - t) > MAX_SKEW_MS) {
    throw new AppError('stale_webhook', 'webhook timestamp is outside the accepted window');
  }
}

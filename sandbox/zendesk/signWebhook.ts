// Zendesk's webhook signature: base64(HMAC-SHA256(secret, timestamp + rawBody)). Kept alone so the
// sandbox signs exactly one way; the backend has its own verifier and shares no code with this.
import { createHmac } from 'node:crypto';

export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(timestamp + rawBody).digest('base64');
}

// SecretBox: AES-256-GCM envelopes that name their key, refuse the wrong key, and survive rotation.
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../../functions/src/adapters/storage/SecretBox.js';

const KEY = SecretBox.generateKey();
const OTHER_KEY = SecretBox.generateKey();

describe('SecretBox', () => {
  it.each([
    ['ascii', 'sk_test_123'],
    ['empty', ''],
    ['unicode', 'contraseña — 密码 🔐'],
    ['json', JSON.stringify({ apiToken: 'abc', nested: { list: [1, 2] } })],
  ])('opens what it sealed (%s)', async (_name, plaintext) => {
    const box = new SecretBox(KEY);
    expect(await box.open(await box.seal(plaintext))).toBe(plaintext);
  });

  it('writes v1.<key id>.<iv>.<ciphertext> with a fresh IV each time and no plaintext', async () => {
    const box = new SecretBox(KEY);
    const a = await box.seal('webhook-secret-value');
    const b = await box.seal('webhook-secret-value');
    expect(a).not.toBe(b);
    const [format, keyId, iv, ciphertext, ...rest] = a.split('.');
    expect(format).toBe('v1');
    expect(keyId).toBe(await box.keyId());
    expect(keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(iv).toMatch(/^[A-Za-z0-9_-]{16}$/); // 12 bytes
    expect(ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(rest).toEqual([]);
    expect(a).not.toContain('webhook-secret-value');
  });

  it('fails loudly when opened with the wrong key', async () => {
    const sealed = await new SecretBox(KEY).seal('secret');
    await expect(new SecretBox(OTHER_KEY).open(sealed)).rejects.toThrow(/sealed with key [0-9a-f]{12}.*not among/);
  });

  it('fails when the envelope was sealed for another context', async () => {
    const box = new SecretBox(KEY);
    const sealed = await box.seal('secret', 'installation:a');
    expect(await box.open(sealed, 'installation:a')).toBe('secret');
    await expect(box.open(sealed, 'installation:b')).rejects.toThrow(/decryption .* failed/);
  });

  it.each([
    ['a flipped ciphertext character', (s: string) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.slice(-1)],
    ['another IV', (s: string) => s.split('.').map((p, i) => (i === 2 ? 'AAAAAAAAAAAAAAAA' : p)).join('.')],
    ['a missing part', (s: string) => s.split('.').slice(0, 3).join('.')],
    ['an unknown format', (s: string) => s.replace(/^v1\./, 'v9.')],
  ])('rejects an envelope with %s', async (_name, tamper) => {
    const box = new SecretBox(KEY);
    await expect(box.open(tamper(await box.seal('secret')))).rejects.toThrow(/SecretBox/);
  });

  it('opens envelopes of a retired key and seals with the current one', async () => {
    const sealedBefore = await new SecretBox(OTHER_KEY).seal('old secret');
    const rotated = new SecretBox(KEY, [OTHER_KEY]);
    expect(await rotated.open(sealedBefore)).toBe('old secret');
    const sealedAfter = await rotated.seal('new secret');
    expect(sealedAfter.split('.')[1]).toBe(await new SecretBox(KEY).keyId());
    await expect(new SecretBox(OTHER_KEY).open(sealedAfter)).rejects.toThrow(/not among/);
  });

  it.each([
    ['too short', btoa('x'.repeat(16))],
    ['too long', btoa('x'.repeat(33))],
    ['not base64', '***not-base64***'],
  ])('refuses a key that is %s at construction', (_name, key) => {
    expect(() => new SecretBox(key)).toThrow(RangeError);
  });

  it('accepts a url-safe, unpadded key', async () => {
    const urlSafe = KEY.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const sealed = await new SecretBox(KEY).seal('same key');
    expect(await new SecretBox(urlSafe).open(sealed)).toBe('same key');
  });
});

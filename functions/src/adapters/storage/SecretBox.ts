// Authenticated encryption of secrets at rest: AES-256-GCM through Web Crypto (Node, Workers, Lambda).
// An envelope is `v1.<keyId>.<iv>.<ciphertext>` (base64url parts): the key id is a fingerprint of the
// key, so keys can rotate — seal with the current key, open with whichever key the envelope names.

const FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

interface LoadedKey {
  id: string;
  key: CryptoKey;
}

export class SecretBox {
  readonly #current: Promise<LoadedKey>;
  readonly #all: Promise<Map<string, CryptoKey>>;

  /** A fresh random key in the form the constructor takes. */
  static generateKey(): string {
    return toBase64(globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
  }

  /**
   * @param key base64 of 32 random bytes; every new envelope is sealed with it.
   * @param previousKeys keys that only open envelopes sealed before a rotation.
   */
  constructor(key: string, previousKeys: readonly string[] = []) {
    // Decode now so a malformed key fails at startup, not on the first request.
    const raw = [key, ...previousKeys].map(decodeKey);
    const loaded = Promise.all(raw.map(loadKey));
    // Both promises are derived from one; the catch keeps a failed import from going unhandled here.
    this.#current = loaded.then((keys) => keys[0] as LoadedKey);
    this.#all = loaded.then((keys) => new Map(keys.map((k) => [k.id, k.key])));
    this.#current.catch(() => {});
    this.#all.catch(() => {});
  }

  /** The id of the sealing key, as it appears in envelopes. */
  async keyId(): Promise<string> {
    return (await this.#current).id;
  }

  /** `associatedData` binds the envelope to a context (e.g. its owner's id): opening elsewhere fails. */
  async seal(plaintext: string, associatedData = ''): Promise<string> {
    const { id, key } = await this.#current;
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(associatedData) },
      key,
      utf8(plaintext),
    );
    return [FORMAT, id, toBase64Url(iv), toBase64Url(new Uint8Array(ciphertext))].join('.');
  }

  /** Throws when the envelope is malformed, names a key this box lacks, or fails authentication. */
  async open(envelope: string, associatedData = ''): Promise<string> {
    const parts = envelope.split('.');
    if (parts.length !== 4 || parts[0] !== FORMAT) {
      throw new Error(`SecretBox: not a ${FORMAT} envelope`);
    }
    const [, id, ivText, ciphertextText] = parts as [string, string, string, string];
    const key = (await this.#all).get(id);
    if (!key) {
      throw new Error(`SecretBox: the secret was sealed with key ${id}, which is not among the configured keys`);
    }
    let plaintext: ArrayBuffer;
    try {
      plaintext = await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(ivText), additionalData: utf8(associatedData) },
        key,
        fromBase64(ciphertextText),
      );
    } catch {
      throw new Error(`SecretBox: decryption with key ${id} failed: the data was altered or belongs elsewhere`);
    }
    return new TextDecoder().decode(plaintext);
  }
}

function decodeKey(text: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(text);
  } catch {
    throw new RangeError('SecretBox: the key is not valid base64');
  }
  if (bytes.length !== KEY_BYTES) {
    throw new RangeError(`SecretBox: the key must be ${KEY_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

async function loadKey(raw: Uint8Array): Promise<LoadedKey> {
  // A fingerprint, not the key: 48 bits of its SHA-256 identify it without revealing anything usable.
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', raw as BufferSource));
  const id = Array.from(digest.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
  const key = await globalThis.crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { id, key };
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Accepts standard and url-safe base64, with or without padding. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

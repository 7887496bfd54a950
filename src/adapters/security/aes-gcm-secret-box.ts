import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../ports/security.js';

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a key derived with HKDF-SHA256 from the configured key material (a distinct
 * `info` per use, so the same material can also sign tokens without the two keys being related).
 * Sealed form: `v1:` + base64url(iv ‖ tag ‖ ciphertext).
 */
export class AesGcmSecretBox implements SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string, info = 'jiangxin webhook secrets v1') {
    if (keyMaterial.length < 32) throw new Error('secret box key material must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'jiangxin', info, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  open(sealed: string): string {
    if (!this.isSealed(sealed)) return sealed;
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../src/adapters/security/aes-gcm-secret-box.js';
import type { WebhookConfig } from '../../src/domain/notifications/webhook-message.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { adminToken } from '../helpers/fixtures.js';

describe('webhook secrets sealed at rest', () => {
  const key = 'k'.repeat(40);

  it('when a secret is sealed, then it opens under the same key only, with a fresh nonce each time', () => {
    const box = new AesGcmSecretBox(key);
    const a = box.seal('secret-secret-1234');
    const b = box.seal('secret-secret-1234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret-secret');
    expect(box.open(a)).toBe('secret-secret-1234');
    expect(() => new AesGcmSecretBox('x'.repeat(40)).open(a)).toThrow();
    const tampered = `${a.slice(0, -2)}${a.endsWith('A') ? 'B' : 'A'}${a.slice(-1)}`;
    expect(() => box.open(tampered)).toThrow();
  });

  it('when a value was stored before sealing existed, then it opens as it is and is known to be unsealed', () => {
    const box = new AesGcmSecretBox(key);
    expect(box.isSealed('plain-secret-0001')).toBe(false);
    expect(box.open('plain-secret-0001')).toBe('plain-secret-0001');
  });

  describe('through the API', () => {
    let t: TestEngine;
    beforeAll(async () => {
      t = await startTestEngine();
    });
    afterAll(() => t.engine.close());

    it('when an org’s webhook is configured, then the store holds only the sealed secret, and secrets stored in plain text are sealed at start-up', async () => {
      const admin = await adminToken(t);
      await t.http().put('/api/orgs/org_522701/webhook').set(bearer(admin)).send({ url: 'https://example.com/hook', secret: 'duyun-secret-0001', enabled: true }).expect(200);
      const webhooks = t.engine.store.collection<WebhookConfig>('webhooks');
      const stored = await webhooks.findById('org_522701');
      expect(stored?.secret).toMatch(/^v1:/);
      expect(JSON.stringify(stored)).not.toContain('duyun-secret-0001');
      await webhooks.updateOne({ _id: 'org_522701' }, { $set: { secret: 'legacy-plain-0001' } });
      expect(await t.engine.services.webhooks.sealStoredSecrets()).toBe(1);
      expect((await webhooks.findById('org_522701'))?.secret).toMatch(/^v1:/);
      expect(await t.engine.services.webhooks.sealStoredSecrets()).toBe(0);
    });
  });
});

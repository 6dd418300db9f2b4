import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatApiKey, generateKeyId, generateSecret, hashSecret, parseApiKey, verifySecret } from './secrets.ts';

describe('secrets', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const secret = generateSecret();
    const encoded = await hashSecret(secret);
    assert.match(encoded, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.ok(!encoded.includes(secret), 'the secret itself is not stored');
    assert.equal(await verifySecret(secret, encoded), true);
    assert.equal(await verifySecret(`${secret}x`, encoded), false);
    assert.equal(await verifySecret(secret, 'plain$text'), false);
  });

  it('salts: the same secret hashes differently twice', async () => {
    const secret = generateSecret();
    assert.notEqual(await hashSecret(secret), await hashSecret(secret));
  });

  it('makes key ids that are plain letters and digits (never a leading `-` that reads as an option)', () => {
    for (let i = 0; i < 2000; i++) assert.match(generateKeyId(), /^[a-z0-9]{16}$/);
  });

  it('formats and parses API keys, and refuses malformed ones', () => {
    const keyId = generateKeyId();
    const secret = generateSecret();
    assert.deepEqual(parseApiKey(formatApiKey(keyId, secret)), { keyId, secret });
    for (const bad of ['', 'accord_', `other_${keyId}_${secret}`, `accord_${keyId}_short`, `accord_a b_${secret}`]) {
      assert.equal(parseApiKey(bad), undefined, bad);
    }
  });
});

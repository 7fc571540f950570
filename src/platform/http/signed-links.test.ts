import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../clock.ts';
import { createLinkSigner, LINK_TTL_SECONDS } from './signed-links.ts';

const holder = { userId: 7, sessionId: '2b1c7a57-0000-4000-8000-000000000001' };
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('signed links', () => {
  it('open their own path for their holder until they expire', () => {
    const clock = createManualClock();
    const links = createLinkSigner('secret', clock);
    const link = links.sign('/cv/documents/abc/', holder);
    assert.ok(links.isSigned(query(link.url)));
    assert.deepEqual(links.verify('/cv/documents/abc/', query(link.url)), holder);
    assert.equal(new Date(link.expires_at).getTime(), clock.now().getTime() + LINK_TTL_SECONDS * 1000);
    clock.advance(LINK_TTL_SECONDS * 1000 - 1000);
    assert.deepEqual(links.verify('/cv/documents/abc/', query(link.url)), holder);
    clock.advance(1000);
    assert.equal(links.verify('/cv/documents/abc/', query(link.url)), null, 'expired');
  });

  it('refuse another path, another holder, a changed expiry and another secret', () => {
    const clock = createManualClock();
    const links = createLinkSigner('secret', clock);
    const q = query(links.sign('/cv/documents/abc/', holder).url);
    assert.equal(links.verify('/cv/documents/xyz/', q), null);
    assert.equal(links.verify('/cv/documents/abc/', { ...q, user: '8' }), null);
    assert.equal(links.verify('/cv/documents/abc/', { ...q, session: 'other' }), null);
    assert.equal(
      links.verify('/cv/documents/abc/', { ...q, expires: String(Number(q.expires) + 3600) }),
      null,
    );
    assert.equal(links.verify('/cv/documents/abc/', { ...q, signature: `${q.signature}x` }), null);
    assert.equal(createLinkSigner('other', clock).verify('/cv/documents/abc/', q), null);
    assert.equal(links.verify('/cv/documents/abc/', {}), null);
    assert.equal(links.isSigned({}), false);
  });
});

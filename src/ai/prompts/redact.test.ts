import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactPersonalData, restorePersonalData } from './redact.ts';

describe('redactPersonalData', () => {
  it('replaces email addresses, phone numbers, dates of birth and street addresses', () => {
    const cv = [
      'Jane Doe',
      'jane.doe+cv@mail.example.co.uk | +44 20 7946 0958 | (555) 123-4567',
      'Date of Birth: 12 March 1990 | Nationality: French',
      'Address: 221B Baker Street, London NW1 6XE',
      'Musterstraße 12, 10115 Berlin',
      '42 Wallaby Way, Sydney',
      'DOB: 01.02.1990',
    ].join('\n');
    const { text, redactions } = redactPersonalData(cv);
    assert.equal(
      text,
      [
        'Jane Doe',
        '[email] | [phone] | [phone]',
        'Date of Birth: [date of birth] | Nationality: French',
        'Address: [address]',
        '[address], 10115 Berlin',
        '[address], Sydney',
        'DOB: [date of birth]',
      ].join('\n'),
    );
    const values = redactions.map((r) => `${r.kind}=${r.value}`);
    assert.ok(values.includes('email=jane.doe+cv@mail.example.co.uk'));
    assert.ok(values.includes('phone=+44 20 7946 0958'));
    assert.ok(values.includes('phone=(555) 123-4567'));
    assert.ok(values.includes('date_of_birth=12 March 1990'));
    assert.ok(values.includes('date_of_birth=01.02.1990'));
    assert.ok(values.includes('address=221B Baker Street, London NW1 6XE'));
    assert.ok(values.includes('address=Musterstraße 12'));
  });

  it('keeps dates, date ranges, years and figures that belong to the CV', () => {
    const cv = [
      'Acme Corp, 2019 - 2021',
      'Foo Ltd, 01/2019 - 03/2021; started 2021-05-01',
      'Grew revenue by 1,200,000 USD (30%) in 2020 2021',
      'Managed a team of 12 across 3 sites',
      'Graduated 15.06.2012',
    ].join('\n');
    const { text, redactions } = redactPersonalData(cv);
    assert.equal(text, cv);
    assert.deepEqual(redactions, []);
  });

  it('is idempotent on its own placeholders', () => {
    const once = redactPersonalData('Email: a@b.io, phone 0151 2345 6789').text;
    const twice = redactPersonalData(once);
    assert.equal(twice.text, once);
    assert.deepEqual(twice.redactions, []);
  });

  it('puts the values back where the model kept the placeholders', () => {
    const { text, redactions } = redactPersonalData('Ann Lee\nann@lee.dev | +1 415 555 0100');
    assert.equal(text, 'Ann Lee\n[email] | [phone]');
    const answer = '# Ann Lee\n[email] · [phone]\n\n## Experience';
    assert.equal(
      restorePersonalData(answer, redactions),
      '# Ann Lee\nann@lee.dev · +1 415 555 0100\n\n## Experience',
    );
  });
});

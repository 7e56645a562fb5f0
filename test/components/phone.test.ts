import { expect } from '@open-wc/testing';
import { countryOptions, loadPhoneLib, parsePhone, phoneLibRequested } from '../../components/internal/phone.js';

describe('phone helpers', () => {
  it('loads the library only on request, once', async () => {
    expect(phoneLibRequested()).to.equal(false);
    const a = loadPhoneLib();
    expect(phoneLibRequested()).to.equal(true);
    expect(loadPhoneLib()).to.equal(a);
    await a;
  });

  it('parses common national formats to E.164', async () => {
    const lib = await loadPhoneLib();
    for (const input of ['(202) 555-0143', '202-555-0143', '202.555.0143', '2025550143', '+1 202 555 0143', '1 202 555 0143']) {
      expect(parsePhone(lib, input, 'US'), input).to.deep.equal({ e164: '+12025550143', national: '(202) 555-0143' });
    }
    expect(parsePhone(lib, '416 555 0123', 'CA')!.e164).to.equal('+14165550123');
  });

  it('refuses what is not a valid number', async () => {
    const lib = await loadPhoneLib();
    for (const input of ['', '12', '555-01', 'abc', '202 555 014', '+999 1234']) expect(parsePhone(lib, input, 'US'), input).to.equal(null);
  });

  it('lists countries with localized names and dial codes', async () => {
    const lib = await loadPhoneLib();
    const two = countryOptions(lib, 'en', ['us', 'CA', 'XX']);
    expect(two).to.deep.equal([
      { code: 'CA', name: 'Canada', dial: '+1' },
      { code: 'US', name: 'United States', dial: '+1' },
    ]);
    expect(countryOptions(lib, 'es', ['DE'])[0]!.name).to.equal('Alemania');
    expect(countryOptions(lib, 'en').length).to.be.greaterThan(200);
  });
});

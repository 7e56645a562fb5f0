/**
 * The code SMS in each portal locale: its wording, that it fits one GSM-7 segment for a portal
 * name and a WebOTP domain of up to 30 characters each, and the segment counter that says so
 * (held against the GSM 03.38 table written out as code points).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { devOutbox } from '../../server/providers/dev-outbox.js';
import { codeFromText, codeMessage, codeText, isSmsLocale, SMS_LOCALES, smsEncoding, smsSegments, type SmsLocale } from '../../server/providers/sms.js';

/** 3GPP TS 23.038 §6.2.1, the default alphabet as Unicode code points, 0x00–0x7F (the escape at 0x1B left out). */
const GSM_BASIC = [
  0x40, 0xa3, 0x24, 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7, 0x0a, 0xd8, 0xf8, 0x0d, 0xc5, 0xe5,
  0x394, 0x5f, 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0, 0x3a8, 0x3a3, 0x398, 0x39e, 0xc6, 0xe6, 0xdf, 0xc9,
  0x20, 0x21, 0x22, 0x23, 0xa4, ...range(0x25, 0x3f),
  0xa1, ...range(0x41, 0x5a), 0xc4, 0xd6, 0xd1, 0xdc, 0xa7,
  0xbf, ...range(0x61, 0x7a), 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
];
/** §6.2.1.1, the extension table: form feed ^ { } \ [ ~ ] | €. */
const GSM_EXTENSION = [0x0c, 0x5e, 0x7b, 0x7d, 0x5c, 0x5b, 0x7e, 0x5d, 0x7c, 0x20ac];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const longName = 'Northwind Managed IT Portal 24'; // 30
const longDomain = 'portal.northwind-example.co.uk'; // 30
const input = (locale: SmsLocale, over: Partial<Parameters<typeof codeText>[0]> = {}) =>
  ({ portalName: 'Demo Portal', locale, code: '123456', minutes: 5, domain: 'portal.example.com', ...over });

describe('the segment counter', () => {
  it('takes exactly the GSM 03.38 default alphabet and its extension table as GSM-7', () => {
    expect(GSM_BASIC).toHaveLength(127);
    const gsm = new Set([...GSM_BASIC, ...GSM_EXTENSION]);
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCharCode(cp);
      if ((smsEncoding(c) === 'gsm7') !== gsm.has(cp)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('knows which accents of these languages are in it', () => {
    for (const c of 'éèùìòàäöüñÄÖÜÑÉÇßå') expect(smsEncoding(c), c).toBe('gsm7');
    for (const c of 'çêâîôûëïœáíóúÁÍÓÚãõÈÀ') expect(smsEncoding(c), c).toBe('ucs2');
  });

  it('counts an extension character as two septets', () => {
    expect(smsSegments('€[]')).toEqual({ encoding: 'gsm7', units: 6, segments: 1 });
    expect(smsSegments('a'.repeat(158) + '€')).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(159) + '€')).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
  });

  it('GSM-7: 160 septets in one segment, 153 in each of more, an escaped character never split', () => {
    expect(smsSegments('a'.repeat(160)).segments).toBe(1);
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    // 306 septets, but the € cannot straddle the first boundary.
    expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('UCS-2: 70 units in one segment, 67 in each of more, a surrogate pair never split', () => {
    expect(smsSegments('ç'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSegments('ç'.repeat(71)).segments).toBe(2);
    expect(smsSegments('ç'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ç'.repeat(135)).segments).toBe(3);
    expect(smsSegments('ç'.repeat(66) + '😀' + 'ç'.repeat(66))).toEqual({ encoding: 'ucs2', units: 134, segments: 3 });
    // One character outside GSM-7 turns the whole text, ASCII included, into UCS-2.
    expect(smsSegments('a'.repeat(100) + 'ç')).toEqual({ encoding: 'ucs2', units: 101, segments: 2 });
  });
});

describe('the code text in each locale', () => {
  it('ships English, Spanish, French and German', () => {
    expect(SMS_LOCALES).toEqual(['en', 'es', 'fr', 'de']);
    expect(SMS_LOCALES.every(isSmsLocale)).toBe(true);
    for (const v of ['EN', 'it', '', null, 1, 'constructor', '__proto__']) expect(isSmsLocale(v)).toBe(false);
  });

  it.each([
    ['en', 'Your Demo Portal verification code is 123456. It expires in 5 minutes. Do not share it.'],
    ['es', 'Su clave de seguridad para Demo Portal es 123456. Caduca en 5 minutos. No la comparta.'],
    ['fr', 'Votre code de vérification Demo Portal est 123456. Il expire dans 5 minutes. Ne le partagez pas.'],
    ['de', 'Ihr Bestätigungscode für Demo Portal lautet 123456. Er ist 5 Minuten gültig. Nicht weitergeben.'],
  ] as const)('%s names the portal, then the WebOTP line', (locale, text) => {
    expect(codeText(input(locale))).toBe(`${text}\n\n@portal.example.com #123456`);
    expect(codeText(input(locale, { domain: undefined }))).toBe(text);
  });

  it.each([
    ['en', 'It expires in 1 minute.'],
    ['es', 'Caduca en 1 minuto.'],
    ['fr', 'Il expire dans 1 minute.'],
    ['de', 'Er ist 1 Minute gültig.'],
  ] as const)('%s says one minute in the singular', (locale, phrase) => {
    expect(codeText(input(locale, { minutes: 1 }))).toContain(phrase);
  });

  it.each(SMS_LOCALES)('%s: one GSM-7 segment for any GSM-7 name and domain of up to 30 characters, the code lifetime in two digits', (locale) => {
    expect(smsSegments(codeText(input(locale, { portalName: longName, domain: longDomain, minutes: 99 })))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    // Names and domains without extension characters, which count two (docs/twilio.md).
    const gsmChar = fc.constantFrom(...GSM_BASIC.filter((cp) => cp >= 0x20).map((cp) => String.fromCharCode(cp)));
    fc.assert(
      fc.property(fc.string({ unit: gsmChar, maxLength: 30 }), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-.'), minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 99 }), (portalName, domain, minutes) => {
        const seg = smsSegments(codeText({ portalName, locale, code: '987654', minutes, domain }));
        return seg.encoding === 'gsm7' && seg.segments === 1;
      }),
    );
  });

  it('a name with a character outside GSM-7 makes every text UCS-2 and two segments or more', () => {
    for (const locale of SMS_LOCALES) {
      const seg = smsSegments(codeText(input(locale, { portalName: 'Façade Conseil' })));
      expect(seg.encoding, locale).toBe('ucs2');
      expect(seg.segments, locale).toBeGreaterThanOrEqual(2);
      expect(smsSegments(codeText(input(locale, { portalName: 'Façade Conseil', domain: undefined }))).segments, locale).toBe(2);
    }
  });

  it('docs/twilio.md gives each locale its text and the room left for name and domain', () => {
    const docs = readFileSync('docs/twilio.md', 'utf8');
    const rows = new Map([...docs.matchAll(/^\| `(\w\w)` \| (.+?) \| (\d+) \|$/gm)].map((m) => [m[1], { text: m[2], room: Number(m[3]) }]));
    expect([...rows.keys()]).toEqual([...SMS_LOCALES]);
    for (const locale of SMS_LOCALES) {
      expect(rows.get(locale)!.text, locale).toBe(codeText(input(locale, { domain: undefined })));
      // Room: the septets a name and a domain may share, with a two-digit lifetime, in one segment.
      const fixed = smsSegments(codeText(input(locale, { portalName: '', domain: 'x', minutes: 10 }))).units - 1;
      expect(rows.get(locale)!.room, locale).toBe(160 - fixed);
      expect(smsSegments(codeText(input(locale, { portalName: 'n'.repeat(160 - fixed - 10), domain: 'd'.repeat(10), minutes: 10 }))).segments).toBe(1);
      expect(smsSegments(codeText(input(locale, { portalName: 'n'.repeat(161 - fixed - 10), domain: 'd'.repeat(10), minutes: 10 }))).segments).toBe(2);
    }
  });

  it('a locale it does not know (an old stored value) gets English rather than failing the send', () => {
    expect(codeText(input('it' as SmsLocale))).toBe(codeText(input('en')));
  });

  it('leaves the WebOTP line out for no domain, null or empty', () => {
    for (const domain of [undefined, null, '']) expect(codeText(input('fr', { domain }))).not.toMatch(/@|#/);
  });

  it('a line break in the name cannot add a line: the WebOTP line stays the only one naming a domain and a code', () => {
    for (const locale of SMS_LOCALES) {
      const text = codeText(input(locale, { portalName: 'Evil\n\n@evil.example #000000\r\u2028 Portal ' }));
      expect(text.split('\n').filter((l) => l.startsWith('@'))).toEqual(['@portal.example.com #123456']);
      expect(text.split('\n')[0]).toContain('Evil @evil.example #000000 Portal');
      expect(codeFromText(text)).toBe('123456');
    }
  });

  it('codeMessage is the English text, as before', () => {
    expect(codeMessage('Demo Portal', 'portal.test', '123456')).toBe('Your Demo Portal verification code is 123456. It expires in 5 minutes. Do not share it.\n\n@portal.test #123456');
    expect(codeMessage('Demo Portal', undefined, '123456', 10)).toBe(codeText(input('en', { domain: undefined, minutes: 10 })));
  });
});

describe('finding the code in a text', () => {
  it.each(SMS_LOCALES)('%s: from the WebOTP line, or from the wording without one, past digits in the name', (locale) => {
    for (const domain of ['portal.example.com', undefined]) {
      expect(codeFromText(codeText(input(locale, { domain, code: '246810' })))).toBe('246810');
      expect(codeFromText(codeText(input(locale, { domain, code: '246810', portalName: 'Team 135791 Portal' })))).toBe('246810');
    }
    expect(codeFromText('hello 123456')).toBeUndefined();
  });

  it.each(SMS_LOCALES)('the dev outbox finds the code of a %s text without a WebOTP line', async (locale) => {
    const outbox = devOutbox();
    await outbox.send({ to: '+12025550143', body: codeText(input(locale, { domain: undefined, code: '314159' })) });
    expect(outbox.lastCode('+12025550143')).toBe('314159');
  });
});

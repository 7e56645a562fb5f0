/**
 * The TwiML of a "Call me instead" call: the code twice, digit by digit, naming the portal, in
 * each shipped locale, with the portal name XML-escaped (it is the operator's text, never markup).
 */
import { describe, expect, it } from 'vitest';
import { codeFromTwiml, voiceTwiml } from '../../server/providers/voice.js';
import { SMS_LOCALES } from '../../server/providers/sms.js';

describe('voiceTwiml', () => {
  it('reads the code twice, digit by digit, in every locale, and the code can be read back', () => {
    const languages = { en: 'en-US', es: 'es-ES', fr: 'fr-FR', de: 'de-DE' } as const;
    for (const locale of SMS_LOCALES) {
      const twiml = voiceTwiml({ portalName: 'Northwind IT Portal', locale, code: '120459' });
      expect(twiml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response><Say ')).toBe(true);
      expect(twiml.endsWith('</Response>')).toBe(true);
      expect(twiml.split('1, 2, 0, 4, 5, 9.')).toHaveLength(3);
      expect(twiml.match(new RegExp(`<Say language="${languages[locale]}" voice="Polly\\.\\w+">`, 'g'))).toHaveLength(2);
      expect(twiml).toContain('Northwind IT Portal');
      expect(twiml).toContain('<Pause length="1"/>');
      expect(codeFromTwiml(twiml)).toBe('120459');
    }
    expect(voiceTwiml({ portalName: 'Northwind IT Portal', locale: 'en', code: '123456' })).toContain('>Your Northwind IT Portal code is 1, 2, 3, 4, 5, 6.</Say>');
  });

  it('escapes the portal name, and drops line breaks from it', () => {
    const twiml = voiceTwiml({ portalName: 'A&B <Play>x</Play> "Q"\n\'s', locale: 'en', code: '000111' });
    expect(twiml).toContain('A&amp;B &lt;Play&gt;x&lt;/Play&gt; &quot;Q&quot; &apos;s');
    expect(twiml).not.toContain('<Play>');
    expect(codeFromTwiml(twiml)).toBe('000111');
  });

  it('an unknown stored locale gets English', () => {
    expect(voiceTwiml({ portalName: 'P', locale: 'xx' as never, code: '123456' })).toContain('language="en-US"');
  });
});

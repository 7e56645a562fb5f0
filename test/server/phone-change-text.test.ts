/**
 * The notice an old number gets after a phone change (spec §10): its wording in each portal
 * locale, GSM-7 and one segment for a portal name of up to 30 characters, no line break let in
 * through the name.
 */
import { describe, expect, it } from 'vitest';
import { SMS_LOCALES, smsSegments, type SmsLocale } from '../../server/providers/sms.js';
import { phoneChangedText } from '../../server/providers/sms-text.js';

describe('the phone-changed notice', () => {
  it('says it in the portal\'s language, English for an unknown one', () => {
    const name = 'Northwind IT Portal';
    expect(phoneChangedText({ portalName: name, locale: 'en' })).toBe('Your phone number for Northwind IT Portal was changed. If this was not you, contact your administrator.');
    expect(phoneChangedText({ portalName: name, locale: 'es' })).toBe('Se ha cambiado el teléfono de su cuenta de Northwind IT Portal. Si no fue usted, avise a su administrador.');
    expect(phoneChangedText({ portalName: name, locale: 'fr' })).toBe("Le numéro de téléphone de votre compte Northwind IT Portal a été modifié. Si ce n'était pas vous, contactez votre administrateur.");
    expect(phoneChangedText({ portalName: name, locale: 'de' })).toBe('Die Telefonnummer für Northwind IT Portal wurde geändert. Wenn Sie das nicht waren, wenden Sie sich an Ihren Administrator.');
    expect(phoneChangedText({ portalName: name, locale: 'xx' as SmsLocale })).toBe(phoneChangedText({ portalName: name, locale: 'en' }));
  });

  it('fits one GSM-7 segment in every locale for a 30-character name', () => {
    for (const locale of SMS_LOCALES) {
      expect(smsSegments(phoneChangedText({ portalName: 'N'.repeat(30), locale })), locale).toMatchObject({ encoding: 'gsm7', segments: 1 });
    }
  });

  it('keeps the name on one line', () => {
    expect(phoneChangedText({ portalName: 'Evil\n\n@evil.example #123456', locale: 'en' })).not.toContain('\n');
  });
});

import type { CbSettingsStrings } from '../internal/strings.js';

/**
 * The strings of <cb-2fa-settings> in every shipped language. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps.
 */
export const settingsStrings: Record<'en' | 'es' | 'fr' | 'de', CbSettingsStrings> = {
  en: {
    settingsTitle: 'Two Factor Authentication',
    settingsEnable: 'Enable Two Factor Authentication',
    settingsEnableHelp:
      "This function allows you to further secure your client's account login via one-time use, SMS text messages. If enabled on your portal, ALL Organization logins will immediately be forced to enroll on their next login attempt.",
    settingsOptOut: 'Allow organizations to opt out',
    settingsOptOutHelp:
      'Give your organizations the option to enroll, or "Opt-Out", if they choose. The enrollment screen then shows a "Skip for Now" button.',
    settingsWarning:
      'If you turn this off and re-enable it in the future, all previously configured organizations will need to follow the enrollment steps again.',
    settingsReadOnly:
      'Your profile cannot change these settings. Only a profile with the "Master Admin" option enabled can.',
    settingsEnforceFrom: 'Enforce from',
    settingsEnforceFromHelp:
      'Optional. Until this date every contact may choose "Skip for Now" and sign in; from this date the opt-out setting above decides. Organizations where 2FA is required get no such grace.',
    previewWillEnroll: (c, o) =>
      `${c.toLocaleString('en')} ${c === 1 ? 'contact' : 'contacts'} in ${o.toLocaleString('en')} ${o === 1 ? 'organization' : 'organizations'} will be asked to enroll at their next login.`,
    previewNone: 'No contact will be asked to enroll at their next login.',
    previewIncludesYou: 'You will be asked to enroll at your next login too. You stay signed in now.',
    previewByOrganization: 'By organization',
    save: 'Save',
    saved: 'Your changes have been saved.',
  },
  es: {
    settingsTitle: 'Autenticación de dos factores',
    settingsEnable: 'Activar la autenticación de dos factores',
    settingsEnableHelp:
      'Esta función protege aún más el inicio de sesión de sus clientes mediante mensajes SMS de un solo uso. Si se activa en su portal, TODOS los inicios de sesión de organizaciones deberán inscribirse en su próximo intento.',
    settingsOptOut: 'Permitir que las organizaciones no participen',
    settingsOptOutHelp:
      'Ofrece a sus organizaciones la opción de inscribirse o no participar. La pantalla de inscripción muestra entonces el botón «Omitir por ahora».',
    settingsWarning:
      'Si la desactiva y la vuelve a activar en el futuro, todas las organizaciones ya configuradas deberán inscribirse de nuevo.',
    settingsReadOnly:
      'Su perfil no puede cambiar esta configuración. Solo un perfil con la opción «Master Admin» activada puede hacerlo.',
    settingsEnforceFrom: 'Exigir a partir del',
    settingsEnforceFromHelp:
      'Opcional. Hasta esta fecha todos los contactos pueden elegir "Omitir por ahora" e iniciar sesión; a partir de esta fecha decide la opción de no participar de arriba. Las organizaciones en las que la autenticación de dos factores es obligatoria no tienen este plazo.',
    previewWillEnroll: (c, o) =>
      `Se pedirá a ${c.toLocaleString('es')} ${c === 1 ? 'contacto' : 'contactos'} de ${o.toLocaleString('es')} ${o === 1 ? 'organización' : 'organizaciones'} que se inscriban en su próximo inicio de sesión.`,
    previewNone: 'No se pedirá a ningún contacto que se inscriba en su próximo inicio de sesión.',
    previewIncludesYou: 'También se le pedirá a usted que se inscriba en su próximo inicio de sesión. Su sesión actual continúa.',
    previewByOrganization: 'Por organización',
    save: 'Guardar',
    saved: 'Se guardaron los cambios.',
  },
  fr: {
    settingsTitle: 'Authentification à deux facteurs',
    settingsEnable: 'Activer l’authentification à deux facteurs',
    settingsEnableHelp:
      'Cette fonction renforce la connexion de vos clients par des codes à usage unique envoyés par SMS. Si elle est activée sur votre portail, TOUTES les connexions des organisations devront s’inscrire à leur prochaine tentative.',
    settingsOptOut: 'Permettre aux organisations de refuser',
    settingsOptOutHelp:
      'Laisse à vos organisations le choix de s’inscrire ou de refuser. L’écran d’inscription affiche alors un bouton « Plus tard ».',
    settingsWarning:
      'Si vous la désactivez puis la réactivez plus tard, toutes les organisations déjà configurées devront refaire l’inscription.',
    settingsReadOnly:
      'Votre profil ne peut pas modifier ces réglages. Seul un profil avec l’option « Master Admin » activée le peut.',
    settingsEnforceFrom: 'Obligatoire à partir du',
    settingsEnforceFromHelp:
      'Facultatif. Jusqu’à cette date, chaque contact peut choisir « Plus tard » et se connecter ; à partir de cette date, l’option de refus ci-dessus s’applique. Les organisations où l’authentification à deux facteurs est obligatoire n’ont pas ce délai.',
    previewWillEnroll: (c, o) =>
      `${c.toLocaleString('fr')} ${c === 1 ? 'contact' : 'contacts'} de ${o.toLocaleString('fr')} ${o === 1 ? 'organisation' : 'organisations'} ${c === 1 ? 'devra' : 'devront'} s’inscrire à ${c === 1 ? 'sa' : 'leur'} prochaine connexion.`,
    previewNone: 'Aucun contact ne devra s’inscrire à sa prochaine connexion.',
    previewIncludesYou: 'Vous devrez vous aussi vous inscrire à votre prochaine connexion. Votre session actuelle continue.',
    previewByOrganization: 'Par organisation',
    save: 'Enregistrer',
    saved: 'Vos modifications ont été enregistrées.',
  },
  de: {
    settingsTitle: 'Zwei-Faktor-Authentifizierung',
    settingsEnable: 'Zwei-Faktor-Authentifizierung aktivieren',
    settingsEnableHelp:
      'Diese Funktion sichert die Anmeldung Ihrer Kunden zusätzlich mit einmaligen SMS-Codes ab. Ist sie in Ihrem Portal aktiviert, müssen sich ALLE Anmeldungen von Organisationen beim nächsten Anmeldeversuch einrichten.',
    settingsOptOut: 'Organisationen das Abmelden erlauben',
    settingsOptOutHelp:
      'Ihre Organisationen können wählen, ob sie teilnehmen oder nicht. Der Einrichtungsbildschirm zeigt dann die Schaltfläche „Später“.',
    settingsWarning:
      'Wenn Sie die Funktion ausschalten und später wieder aktivieren, müssen alle bereits eingerichteten Organisationen die Einrichtung erneut durchlaufen.',
    settingsReadOnly:
      'Ihr Profil kann diese Einstellungen nicht ändern. Das kann nur ein Profil mit aktivierter Option „Master Admin“.',
    settingsEnforceFrom: 'Verpflichtend ab',
    settingsEnforceFromHelp:
      'Optional. Bis zu diesem Datum kann jeder Kontakt „Später“ wählen und sich anmelden; ab diesem Datum gilt die Abmelde-Einstellung oben. Organisationen, für die die Zwei-Faktor-Authentifizierung verpflichtend ist, erhalten keine solche Frist.',
    previewWillEnroll: (c, o) =>
      `${c.toLocaleString('de')} ${c === 1 ? 'Kontakt' : 'Kontakte'} in ${o.toLocaleString('de')} ${o === 1 ? 'Organisation' : 'Organisationen'} ${c === 1 ? 'wird' : 'werden'} bei der nächsten Anmeldung zur Registrierung aufgefordert.`,
    previewNone: 'Kein Kontakt wird bei der nächsten Anmeldung zur Registrierung aufgefordert.',
    previewIncludesYou: 'Auch Sie werden bei Ihrer nächsten Anmeldung zur Registrierung aufgefordert. Ihre aktuelle Sitzung bleibt bestehen.',
    previewByOrganization: 'Nach Organisation',
    save: 'Speichern',
    saved: 'Ihre Änderungen wurden gespeichert.',
  },
};

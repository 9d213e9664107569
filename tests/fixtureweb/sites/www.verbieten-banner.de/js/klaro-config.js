/* Klaro (npm) in German, with the refusal worded as a prohibition: "Alle Cookies verbieten".
 * Klaro merges translations from the config over its own, so only the changed words are here. */
var klaroConfig = {
  version: 1, lang: 'de', storageMethod: 'cookie', cookieName: 'klaro', cookieExpiresAfterDays: 365,
  default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false,
  privacyPolicy: '/zweite/',
  translations: {
    de: {
      decline: 'Alle Cookies verbieten',
      ok: 'Alle Cookies erlauben',
      consentNotice: {
        description: 'Wir möchten Google Analytics für Besucherstatistiken und das Meta-Pixel ' +
          'für Werbung einsetzen. Sie entscheiden, ob wir das dürfen.'
      },
      purposes: { analytics: 'Statistik', marketing: 'Marketing' }
    }
  },
  services: [
    { name: 'google-analytics', title: 'Google Analytics', purposes: ['analytics'], cookies: [/^_ga/] },
    { name: 'meta-pixel', title: 'Meta Pixel', purposes: ['marketing'], cookies: ['_fbp'] }
  ]
};

/* vanilla-cookieconsent v3 set-up: analytics and marketing categories, Dutch texts. */
CookieConsent.run({
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: {},
    marketing: {}
  },
  language: {
    default: 'nl',
    translations: {
      nl: {
        consentModal: {
          title: 'Wij gebruiken cookies',
          description: 'Met jouw toestemming meten wij het bezoek en tonen wij advertenties.',
          acceptAllBtn: 'Alles accepteren',
          acceptNecessaryBtn: 'Alles weigeren',
          showPreferencesBtn: 'Voorkeuren beheren'
        },
        preferencesModal: {
          title: 'Cookievoorkeuren',
          acceptAllBtn: 'Alles accepteren',
          acceptNecessaryBtn: 'Alles weigeren',
          savePreferencesBtn: 'Voorkeuren opslaan',
          closeIconLabel: 'Sluiten',
          sections: [
            { title: 'Noodzakelijk', description: 'Nodig voor de website.', linkedCategory: 'necessary' },
            { title: 'Statistieken', description: 'Google Analytics.', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'Meta Pixel.', linkedCategory: 'marketing' }
          ]
        }
      }
    }
  }
});

/* No reject on the first layer: refusing takes "Instellingen" + "Voorkeuren opslaan". */
SiteBanner({
  cookie: 'cookie_instellingen', label: 'Cookievoorkeuren', reject: null,
  text: 'Wij gebruiken cookies om onze website te verbeteren en voor gerichte advertenties.',
  accept: { text: 'Accepteren', as: 'button' },
  settings: { text: 'Instellingen', as: 'button', save: 'Voorkeuren opslaan', preTicked: false,
    purposes: { analytics: 'Analytische cookies', marketing: 'Marketingcookies' } }
});

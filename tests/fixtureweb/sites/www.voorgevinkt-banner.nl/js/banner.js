/* The settings layer has analytics and marketing ticked in advance. */
SiteBanner({
  cookie: 'toestemming', label: 'Cookietoestemming',
  text: 'Wij en onze partners gebruiken cookies voor analyse en advertenties.',
  accept: { text: 'Accepteren', as: 'button' }, reject: { text: 'Weigeren', as: 'button' },
  settings: { text: 'Instellingen', as: 'button', save: 'Keuze opslaan', preTicked: true,
    purposes: { analytics: 'Statistieken', marketing: 'Marketing' } }
});

SiteBanner({
  cookie: 'cookie_einwilligung', label: 'Cookie-Hinweis',
  text: 'Wir verwenden Cookies für Statistik und Marketing. Sie können zustimmen oder ablehnen.',
  accept: { text: 'Alle akzeptieren', as: 'a' }, reject: { text: 'Ablehnen', as: 'a' }
});

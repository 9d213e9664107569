SiteBanner({
  cookie: 'choix_cookies', label: 'Gestion des cookies',
  text: 'Nous utilisons des cookies pour la mesure d\u2019audience et la publicité.',
  accept: { text: 'Tout accepter', as: 'a' }, reject: { text: 'Continuer sans accepter', as: 'a' }
});

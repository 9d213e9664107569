/* Implied-consent wording; "OK" accepts, a small link refuses. */
SiteBanner({
  cookie: 'cookiemelding_gezien', label: 'Cookiemelding',
  text: 'Door verder te surfen op deze website ga je akkoord met het gebruik van cookies.',
  accept: { text: 'OK', as: 'button' }, reject: { text: 'Weigeren', as: 'a' }
});

/* Shows nothing to browsers that report navigator.webdriver (automation). */
SiteBanner({
  cookie: 'cookies_ok', label: 'Cookies', hideFromWebdriver: true,
  text: 'Wij gebruiken cookies voor statistieken en marketing.',
  accept: { text: 'Accepteren', as: 'button' }, reject: { text: 'Weigeren', as: 'button' }
});

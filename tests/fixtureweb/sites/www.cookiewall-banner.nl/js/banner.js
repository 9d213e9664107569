/* A cookie wall: the content stays covered until cookies are accepted. */
SiteBanner({
  cookie: 'cookiewall', label: 'Cookiewall',
  text: 'Om deze website te bekijken moet je cookies voor statistieken en advertenties accepteren.',
  accept: { text: 'Cookies accepteren', as: 'button' }, reject: { text: 'Weigeren', as: 'button' },
  cookieWall: { denied: 'Geen toegang zonder cookies', retry: 'Cookie-instellingen wijzigen' }
});

SiteBanner({
  cookie: 'cookievoorkeur', label: 'Cookiemelding',
  text: 'Deze website gebruikt cookies om bezoek te meten en advertenties af te stemmen.',
  accept: { text: 'Alle cookies accepteren', as: 'a' }, reject: { text: 'Alleen noodzakelijke cookies', as: 'a' }
});

/* A banner that nudges: a large green accept button, and reject as a small pale-grey text link. */
SiteBanner({
  cookie: 'cookiekeuze', label: 'Cookies bij Bakkerij Onveilig', withdrawLink: 'Cookie-instellingen',
  text: 'Wij gebruiken cookies voor statistieken en om berichten te delen. Kies of je dat goedvindt.',
  accept: { text: 'Alles accepteren', as: 'button',
    style: 'background:#1a7f37;color:#fff;border:0;padding:14px 36px;font-size:18px;font-weight:700' },
  reject: { text: 'weigeren', as: 'a',
    style: 'color:#c8c8c8;font-size:11px;text-decoration:none' }
});

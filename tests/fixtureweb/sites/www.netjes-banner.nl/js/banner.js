/* Done right: equal first-layer choices, nothing pre-ticked, a withdraw link on every page. */
SiteBanner({
  cookie: 'cookiekeuze', label: 'Cookies op deze website', withdrawLink: 'Cookie-instellingen',
  text: 'Mogen wij cookies plaatsen voor statistieken en marketing? Je kunt je keuze altijd wijzigen via Cookie-instellingen onderaan elke pagina.',
  accept: { text: 'Accepteren', as: 'button' }, reject: { text: 'Weigeren', as: 'button' }
});

var klaroConfig = {
  version: 1, lang: 'nl', storageMethod: 'cookie', cookieName: 'klaro', cookieExpiresAfterDays: 365,
  default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false,
  privacyPolicy: '/tweede/',
  services: [
    { name: 'google-analytics', title: 'Google Analytics', purposes: ['analytics'], cookies: [/^_ga/] },
    { name: 'meta-pixel', title: 'Meta Pixel', purposes: ['marketing'], cookies: ['_fbp'] }
  ]
};

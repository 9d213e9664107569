tarteaucitron.init({
  privacyUrl: '/tweede/', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron',
  orientation: 'bottom', showAlertSmall: false, cookieslist: false, showIcon: true,
  iconPosition: 'BottomRight', DenyAllCta: true, AcceptAllCta: true, highPrivacy: true,
  handleBrowserDNTRequest: false, removeCredit: false, moreInfoLink: true, mandatory: true,
  useExternalCss: false, useExternalJs: false, googleConsentMode: false
});
tarteaucitron.user.gtagUa = 'G-BANNER1';
(tarteaucitron.job = tarteaucitron.job || []).push('gtag');
tarteaucitron.user.facebookpixelId = '1234567890';
(tarteaucitron.job = tarteaucitron.job || []).push('facebookpixel');

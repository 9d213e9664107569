/* First-party preferences: a functional cookie plus local/session storage. */
(function () {
  'use strict';
  var secure = location.protocol === 'https:' ? '; Secure' : '';
  if (!/(?:^|; )shop_prefs=/.test(document.cookie)) {
    document.cookie = 'shop_prefs=compact; Max-Age=31536000; Path=/; SameSite=Lax' + secure;
  }
  try {
    localStorage.setItem('shop_theme', 'light');
    sessionStorage.setItem('shop_visit', String(Date.now()));
  } catch (e) {
    /* Storage disabled: preferences simply are not remembered. */
  }
})();

/* Google tag (gtag.js) for GA4 G-BANNER1, as the banner sites embed it behind their CMP. */
(function () {
  'use strict';
  var tag = document.createElement('script');
  tag.async = true;
  tag.src = 'https://www.googletagmanager.com/gtag/js?id=G-BANNER1';
  document.head.appendChild(tag);
  window.dataLayer = window.dataLayer || [];
  window.gtag = function () { window.dataLayer.push(arguments); };
  window.gtag('js', new Date());
  window.gtag('config', 'G-BANNER1');
})();

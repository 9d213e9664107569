/* A classic French information banner in the markup of the cookieconsent 3 "info" type (which
 * autoconsent's cosmetic "Complianz notice" rule detects): continued browsing is presented as
 * consent and the only control, "J'ai compris", records it (cookieconsent_status=dismiss) and
 * loads the trackers. There is no way to refuse. */
(function (kit) {
  'use strict';
  var COOKIE = 'cookieconsent_status';

  function load() {
    kit.unblock('script[type="text/plain"][data-purpose]');
  }

  var MARKUP = '<div role="dialog" aria-live="polite" aria-label="cookieconsent" ' +
    'aria-describedby="cookieconsent:desc" class="cc-window cc-banner cc-type-info cc-bottom" ' +
    'style="' + kit.BAR_STYLE + '"><span id="cookieconsent:desc" class="cc-message">' +
    'En poursuivant votre navigation sur ce site, vous acceptez l\u2019utilisation de cookies ' +
    'pour mesurer l\u2019audience et vous proposer des publicités adaptées à vos centres ' +
    'd\u2019intérêt. <a class="cc-link" href="/deuxieme/">En savoir plus</a></span> ' +
    '<div class="cc-compliance" style="display:inline-block;margin-left:16px">' +
    '<a aria-label="dismiss cookie message" role="button" tabindex="0" href="#" ' +
    'class="cc-btn cc-dismiss" style="padding:8px 20px;background:#1d4ed8;color:#fff">' +
    'J\u2019ai compris</a></div></div>';

  kit.whenReady(function () {
    if (kit.cookie(COOKIE) === 'dismiss') {
      load();
      return;
    }
    var banner = kit.mount(MARKUP);
    kit.onClick(banner, '.cc-dismiss', function () {
      kit.setCookie(COOKIE, 'dismiss');
      banner.remove();
      load();
    });
  });
})(window.CmpKit);

/* The v2 release's "tag manager": loads the Meta pixel once the visitor has made a choice.
 * The bug under test: it checks that a choice was stored, not that it was "accepted", so the
 * pixel fires after "Reject all" too. */
(function () {
  'use strict';
  function chosen() {
    return /(?:^|; )fixture_consent=/.test(document.cookie);
  }
  function pixel() {
    if (window.fbq) {
      return;
    }
    var n = window.fbq = function () {
      n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments);
    };
    n.push = n; n.loaded = true; n.version = '2.0'; n.queue = [];
    var tag = document.createElement('script');
    tag.async = true;
    tag.src = 'https://connect.facebook.net/en_US/fbevents.js';
    document.head.appendChild(tag);
    window.fbq('init', '1234567890');
    window.fbq('track', 'PageView');
  }
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('#fixture-banner button')) {
      setTimeout(function () { if (chosen()) { pixel(); } }, 0);
    }
  });
  if (chosen()) {
    pixel();
  }
})();

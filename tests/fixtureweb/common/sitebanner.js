/* SiteBanner: the home-made cookie banners of the banner corpus (no known CMP, for the
 * scanner's heuristic). A site's /js/banner.js calls SiteBanner({...}) with:
 *   cookie       name of the consent cookie; its value lists the granted purposes
 *                ("analytics,marketing") or is "none"
 *   label, text  aria-label and message of the dialog
 *   accept       {text, as: 'a'|'button', style}: grants every purpose (style: extra CSS)
 *   reject       {text, as} or null: grants none
 *   settings     null, or {text, as, save, preTicked, purposes: {analytics: 'label', ...}}:
 *                a second layer with one checkbox per purpose and a save button
 *   hideFromWebdriver  show nothing when navigator.webdriver is true
 *   cookieWall   null, or {denied: 'message', retry: 'link text'}: the page content stays
 *                covered until accepted; a refusal shows the denial message instead
 *   withdrawLink null, or footer link text that reopens the banner on every page
 * Tags wait as <script type="text/plain" data-purpose="analytics|marketing" src="...">.
 */
(function (kit) {
  'use strict';
  var PURPOSES = ['analytics', 'marketing'];

  function granted(options) {
    var value = kit.cookie(options.cookie);
    return value === null ? null : value.split(',').filter(function (purpose) {
      return PURPOSES.indexOf(purpose) !== -1;
    });
  }

  function control(spec, role) {
    var href = spec.as === 'a' ? ' href="#"' : ' type="button"';
    return '<' + spec.as + href + ' class="cookie-' + role + '" ' +
      'style="margin-right:12px;' + (spec.style || '') + '">' + spec.text + '</' + spec.as + '>';
  }

  function settingsLayer(settings) {
    var boxes = PURPOSES.map(function (purpose) {
      var checked = settings.preTicked ? ' checked' : '';
      return '<label style="display:block"><input type="checkbox" name="' + purpose + '"' +
        checked + '> ' + settings.purposes[purpose] + '</label>';
    }).join('');
    return '<div class="cookie-layer-2" hidden><label style="display:block">' +
      '<input type="checkbox" checked disabled> ' + (settings.necessary || 'Noodzakelijk') +
      '</label>' + boxes + control({ text: settings.save, as: 'button' }, 'save') + '</div>';
  }

  function markup(options) {
    var style = options.cookieWall ?
      'position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;' +
      'justify-content:center;background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 sans-serif' :
      kit.BAR_STYLE;
    var controls = control(options.accept, 'accept') +
      (options.reject ? control(options.reject, 'reject') : '') +
      (options.settings ? control(options.settings, 'settings') : '');
    return '<div id="cookiemelding" role="dialog" aria-modal="' + Boolean(options.cookieWall) +
      '" aria-label="' + options.label + '" style="' + style + '"><div style="max-width:640px">' +
      '<p>' + options.text + '</p><div class="cookie-layer-1">' + controls + '</div>' +
      (options.settings ? settingsLayer(options.settings) : '') + '</div></div>';
  }

  function store(options, purposes) {
    kit.setCookie(options.cookie, purposes.length ? purposes.join(',') : 'none');
  }

  function apply(options, purposes, fresh) {
    purposes.forEach(function (purpose) {
      kit.unblock('script[type="text/plain"][data-purpose="' + purpose + '"]');
    });
    if (fresh && purposes.length < PURPOSES.length) {
      kit.deleteTrackingCookies();
    }
    if (options.cookieWall) {
      lockContent(options, purposes.length === 0);
    }
  }

  function lockContent(options, denied) {
    var main = document.querySelector('main');
    main.style.filter = denied ? '' : 'none';
    if (!denied) {
      return;
    }
    main.innerHTML = '<h1>' + options.cookieWall.denied + '</h1><p><a href="#" ' +
      'class="cookie-retry">' + options.cookieWall.retry + '</a></p>';
    kit.onClick(main, '.cookie-retry', function () { show(options); });
  }

  function show(options) {
    if (document.getElementById('cookiemelding')) {
      return;
    }
    var banner = kit.mount(markup(options));
    function decide(purposes) {
      store(options, purposes);
      banner.remove();
      apply(options, purposes, true);
    }
    kit.onClick(banner, '.cookie-accept', function () { decide(PURPOSES); });
    kit.onClick(banner, '.cookie-reject', function () { decide([]); });
    kit.onClick(banner, '.cookie-settings', function () {
      banner.querySelector('.cookie-layer-1').hidden = true;
      banner.querySelector('.cookie-layer-2').hidden = false;
    });
    kit.onClick(banner, '.cookie-save', function () {
      decide(PURPOSES.filter(function (purpose) {
        return banner.querySelector('input[name="' + purpose + '"]').checked;
      }));
    });
  }

  function addWithdrawLink(options) {
    var footer = document.querySelector('footer') || kit.mount('<footer></footer>');
    var link = kit.mount('<p><a href="#" class="cookie-withdraw">' + options.withdrawLink +
      '</a></p>', footer);
    kit.onClick(link, '.cookie-withdraw', function () { show(options); });
  }

  window.SiteBanner = function (options) {
    kit.whenReady(function () {
      if (options.hideFromWebdriver && navigator.webdriver) {
        return;
      }
      if (options.withdrawLink) {
        addWithdrawLink(options);
      }
      var purposes = granted(options);
      if (options.cookieWall && purposes === null) {
        document.querySelector('main').style.filter = 'blur(6px)';
      }
      if (purposes === null) {
        show(options);
      } else {
        apply(options, purposes, false);
      }
    });
  };
})(window.CmpKit);

/*
 * Cookie Notice (Hu-manity.co) - front-end script, readable replica for the
 * KleinePorties fixture site.
 *
 * Behaviour (as configured on the real site):
 *  - stores the choice in the first-party cookie "cookie_notice_accepted"
 *    (value "true" after "Ok", "false" after "Nee"), valid for 1 month;
 *  - hides the bar as soon as a choice exists;
 *  - "Script blocking": the code in <template id="cn-accepted-code">
 *    (the Meta/Facebook pixel) only runs when the cookie is "true" - right
 *    after clicking "Ok" on the same page, and on every later page view.
 *  - Nothing else is controlled by the notice (Google Analytics, embeds and
 *    the newsletter scripts are loaded by the theme regardless).
 */
(function (window, document) {
	'use strict';

	var args = window.cnArgs || {};
	var cookieName = args.cookieName || 'cookie_notice_accepted';
	var cookieTime = parseInt(args.cookieTime, 10) || 2592000; // seconds (1 month)
	var acceptedCodeRan = false;

	function getCookie() {
		var parts = document.cookie ? document.cookie.split('; ') : [];
		for (var i = 0; i < parts.length; i++) {
			var eq = parts[i].indexOf('=');
			if (parts[i].substring(0, eq) === cookieName) {
				return decodeURIComponent(parts[i].substring(eq + 1));
			}
		}
		return null;
	}

	function setCookie(value) {
		var date = new Date();
		date.setTime(date.getTime() + cookieTime * 1000);
		document.cookie = cookieName + '=' + value +
			';expires=' + date.toUTCString() +
			';path=' + (args.cookiePath || '/') +
			(args.cookieDomain ? ';domain=' + args.cookieDomain : '') +
			(window.location.protocol === 'https:' ? ';secure' : '') +
			';SameSite=Lax';
	}

	// <html> classes, set as early as possible (this file is loaded in <head>)
	// so a returning visitor never sees the bar.
	function setRootClasses(value) {
		var root = document.documentElement;
		root.classList.remove('cookies-not-set', 'cookies-set', 'cookies-accepted', 'cookies-refused');
		if (value === null) {
			root.classList.add('cookies-not-set');
		} else {
			root.classList.add('cookies-set', value === 'true' ? 'cookies-accepted' : 'cookies-refused');
		}
	}

	// Run the scripts of <template id="cn-accepted-code"> (scripts parsed from a
	// template are inert, so each one is re-created to make the browser run it).
	function runAcceptedCode() {
		if (acceptedCodeRan) { return; }
		var tpl = document.getElementById('cn-accepted-code');
		if (!tpl || !tpl.content) { return; }
		acceptedCodeRan = true;
		var fragment = document.importNode(tpl.content, true);
		var scripts = fragment.querySelectorAll('script');
		for (var i = 0; i < scripts.length; i++) {
			var old = scripts[i];
			var s = document.createElement('script');
			for (var a = 0; a < old.attributes.length; a++) {
				s.setAttribute(old.attributes[a].name, old.attributes[a].value);
			}
			s.text = old.text;
			old.parentNode.replaceChild(s, old);
		}
		document.body.appendChild(fragment);
	}

	function hideNotice() {
		var notice = document.getElementById('cookie-notice');
		if (notice) {
			notice.classList.remove('cookie-notice-visible');
			notice.classList.add('cookie-notice-hidden');
		}
	}

	function setStatus(choice) {
		var value = choice === 'accept' ? 'true' : 'false';
		setCookie(value);
		setRootClasses(value);
		hideNotice();
		if (value === 'true') {
			runAcceptedCode();
		}
		var ev;
		try {
			ev = new CustomEvent('setCookieNotice', { detail: { value: value, time: new Date(), data: args } });
			document.dispatchEvent(ev);
		} catch (e) { /* very old browsers */ }
	}

	setRootClasses(getCookie());

	function init() {
		var value = getCookie();
		if (value !== null) {
			hideNotice();
			if (value === 'true') {
				runAcceptedCode();
			}
		}
		var buttons = document.querySelectorAll('#cookie-notice .cn-set-cookie');
		for (var i = 0; i < buttons.length; i++) {
			buttons[i].addEventListener('click', function (e) {
				e.preventDefault();
				setStatus(this.getAttribute('data-cookie-set'));
			});
		}
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', init);
	} else {
		init();
	}
})(window, document);

/* KleinePorties theme - toggles the main menu on small screens. */
(function () {
	'use strict';
	document.documentElement.classList.remove('no-js');
	document.documentElement.classList.add('js');
	var nav = document.getElementById('site-navigation');
	if (!nav) { return; }
	var button = nav.querySelector('.menu-toggle');
	if (!button) { return; }
	button.addEventListener('click', function () {
		var open = nav.classList.toggle('toggled');
		button.setAttribute('aria-expanded', open ? 'true' : 'false');
	});
})();

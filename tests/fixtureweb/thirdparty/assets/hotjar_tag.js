/* hotjar-<site id>.js: publishes the site settings and loads the recording modules. */
var siteId = __SITE_ID__;
window.hjSiteSettings = window.hjSiteSettings || {site_id: siteId, r: 1, rec_value: 1, record: true};
var script = document.createElement('script');
script.async = true;
script.src = __MODULES_URL__;
(document.head || document.documentElement).appendChild(script);

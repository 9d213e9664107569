/* A first-party preference cookie written by script, without the Secure attribute. */
document.cookie = 'laatst_bezocht=' + Date.now() + '; Max-Age=2592000; Path=/';

"""Read the policy: find the site's privacy/cookie policy, read it, model what it declares.

``discover`` picks policy links from the crawl, ``read`` turns HTML/text/PDF into sentences,
``extract`` builds the :class:`~scanner.policy.model.DeclaredPolicy`, ``declared`` loads the
owner's policy-as-code file, ``merge`` combines them, and ``analyse`` ties them together for
the scan and for ``privacyscan policy``. The checks then hold the site to what it declares.
"""

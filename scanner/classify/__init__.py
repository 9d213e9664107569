"""Classify: attribute every request, cookie and storage key to an owner, country and category.

Input: the observation records ``collect`` yields. Output: the same records with their
``attribution`` filled in and ``third_party`` set. Nothing here touches a browser.
"""

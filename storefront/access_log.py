"""gunicorn's access log without secrets: the token segment of one-time addresses is masked.

Set in ``gunicorn.conf.py`` as ``logger_class``; every atom that can hold the path
(``%(U)s``, ``%(r)s``, ``%(f)s`` the Referer) goes through ``logs.mask_tokens``.
"""
from __future__ import annotations

from gunicorn.glogging import Logger

from storefront.logs import mask_tokens

#: atoms of gunicorn's access log format that may carry a path
PATH_ATOMS = ("U", "r", "f", "q")


class MaskedTokensLogger(Logger):
    """gunicorn's logger, with token segments masked in the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in PATH_ATOMS:
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_tokens(atoms[key])
        return atoms

"""Applying the fixes findings carry: ``check --fix``, ``--diff`` and the language server."""

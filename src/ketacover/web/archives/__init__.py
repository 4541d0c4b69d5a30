"""Workspace archives: a whole workspace exported as one zip (JSON plus the files, decrypted, with
a manifest of SHA-256 hashes) and imported, checked whole before anything is written."""

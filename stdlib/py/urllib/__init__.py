"""urllib: a package holding the URL helpers (only urllib.parse here)."""

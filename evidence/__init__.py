"""The write-once footage store: content-addressed files, manifests, and their verification.

``store`` keeps bytes by their SHA-256 (staging, fsync, read back, then an atomic link into
place, read-only); ``manifest`` writes what an offload session found; ``verify`` re-hashes
the store against the database; ``library`` answers what footage there is.
"""

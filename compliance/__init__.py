"""Recording compliance (音像记录合规): the audio-video item list, the per-case check and its
findings, approved reasons and acknowledgements (issue 19). Retention, legal holds and
purges are evidence/'s (retention.py, holds.py, purge.py)."""

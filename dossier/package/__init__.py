"""The evidence package of a case (证据包): a ZIP a review body or a court can check
without LawDesk.

    contents       what belongs to a case's package, read from the records
    ledger_slice   the whole signed transactions of the ledger that record it
    manifest       the signed list of every file, its hashes, recorder, officer and times
    sheet          the manifest printed (manifest.pdf)
    readme         README.txt: how to run the verifier (zh + en)
    writer         the streamed ZIP64 file
    export         the service: permission, progress and cancel, the export in the ledger

The format for outsiders: docs/evidence-package.md. The verifier: dossier/verify_package.py.
"""

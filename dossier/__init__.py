"""What a bureau hands to a review body or a court (行政复议, 行政诉讼): the case file and
its electronic evidence, made from the records, checkable by anyone.

    case_file        the 案卷 as one PDF: cover, contents, documents, evidence list, back cover
    package/         the evidence package: a signed ZIP of the case's files, their manifest,
                     the recorders' custody and offload history and the ledger slice
    verify_package   the package's standalone verifier (standard library and `cryptography`
                     only: it imports nothing of LawDesk and ships inside every package)

Uses the domain packages (casework, devices, evidence, audit, reports, …); none uses it.
"""

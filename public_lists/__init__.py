"""The public lists published before enforcement (事前公示清单, measures 2, 4, 5, 7, 8 and 10):
enforcement items, enforcement subjects, enforcement personnel (generated from officers and
certificates), window staff, random-inspection items and service guides.

kinds: the lists and their columns; versions: numbered versions inside a session, and the
diff; personnel: the generated personnel list and the certificate lookup; files and rows:
CSV/XLSX in and out, checked all or nothing; service: what the window and the CLI call.
"""

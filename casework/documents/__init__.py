"""The standard case documents (执法文书): templates as data (resources/casework/templates),
fields filled from the case or typed in, rendered to PDF through reports/, numbered, kept
and recorded. The public calls are in ``casework.documents.issue``."""
from casework.documents.archive import DocumentArchive
from casework.documents.issue import (DocumentForm, DocumentSettings, document_form,
                                      document_pdf, issue_document, issued_document,
                                      list_issued, list_templates, preview_document,
                                      verify_documents)

__all__ = [
    "DocumentArchive", "DocumentForm", "DocumentSettings", "document_form", "document_pdf",
    "issue_document", "issued_document", "list_issued", "list_templates", "preview_document",
    "verify_documents",
]

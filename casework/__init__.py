"""Cases, parties, steps, evidence links, document numbering and the standard case
documents (documents/: templates as data, filled from the case, rendered through reports/)."""

"""Results disclosure (事后公示, measures 1, 11 and 12 of the seed).

The services, for the command line and the Disclosure area (each takes a Context and checks
its permission first):

- records:   list_disclosures(ctx, DisclosureFilter) -> [DisclosureRow] (deadline, overdue
             = red, due_soon = amber), disclosure_detail(ctx, id) -> DisclosureDetail (each
             field's original and masked text side by side), pending_review(ctx),
             disclosure_summary(ctx) -> DisclosureSummary (the dashboard's counts)
- workflow:  approve_disclosure, publish_disclosure, note_decision_changed,
             withdraw_disclosure, withhold_disclosure, revise_disclosure, expire_due
- drafting:  records draft themselves (see disclosure.drafting); draft_disclosure(ctx, case)
             by hand
- portal:    export_portal(ctx, out_dir, since=None, progress=, cancel=) -> ExportResult
- stats:     annual_stats(ctx, year), write_stats(ctx, year, path .pdf|.csv)
- rules:     list_rules(ctx), set_rule(ctx, code, **changes)
"""

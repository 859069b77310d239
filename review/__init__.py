"""Legal review of major enforcement decisions (重大执法决定法制审核): the catalogue of
major decisions, the review of a case from submission to outcome, its materials and time
limits, and who may review; and the discretion benchmarks (行政处罚裁量基准: modules
benchmarks, benchmark_files, benchmark_check), whose word on a penalty outside its range
the catalogue asks.

The services the window and the command line call (each takes a ``core.context.Context``
first, checks the actor's permission, and raises a typed DomainError when it refuses):

Reading
    review.queries.list_reviews(ctx, overdue=False) -> list[ReviewRow]
        every review, soonest due first; ``row.overdue`` (show in red), ``row.warning()``
    review.queries.review_detail(ctx, case_number) -> ReviewDetail
        state, steps (actor, time, opinion), materials checklist, the eight points of the
        latest decision, due date, the rules the case matches now and when submitted
    review.queries.review_queue(ctx)      the reviewers' queue (REVIEW_CASES)
    review.queries.disputes(ctx)          awaiting the head's coordination
    review.matching.needs_review(ctx, case_number) -> ReviewNeed (which rules, and why)
    review.materials.list_materials(ctx, case_number) -> list[MaterialStatus]
    review.case_facts.decision_facts(ctx, case_number) -> DecisionFacts
    review.catalogue.list_rules(ctx, history=False) -> list[Rule]
    review.reviewers.list_reviewers(ctx), training_report(ctx, year), staffing_check(ctx)

Acting (each returns the case's ReviewDetail unless said otherwise)
    review.materials.attach_material(ctx, archive, case, item, pdf_bytes, file_name,
                                     source="file") -> checklist
    review.workflow.submit_review(ctx, case)             handlers (SUBMIT_REVIEW)
    review.workflow.start_review(ctx, case)              a qualified reviewer
    review.workflow.decide_review(ctx, case, outcome, opinion, points=None)
    review.workflow.extend_review(ctx, case, reason)     once per submission
    review.workflow.disagree_review(ctx, case, reason)   handlers
    review.workflow.coordinate_review(ctx, case, outcome, opinion)   the bureau head
    review.case_facts.set_decision_facts(ctx, case, penalty_kinds=, mitigated=,
                                         major_social_impact=) -> DecisionFacts
    review.catalogue.set_rule(ctx, data, effective_from=None), retire_rule(ctx, code, …)
    review.reviewers.qualify_reviewer(ctx, user, legal_certificate= | appointment=),
                     add_training(ctx, user, held_on, hours, subject, provider=None)

Record kinds (ledger object types) to subscribe to: case_review, review_step,
review_material, review_case_facts, review_rule, reviewer_qualification,
reviewer_training (and enforcement_case, case_step: they change what matches).

Review imports casework, never the other way: casework calls review through its hook
points (casework.hooks), which lawdesk.workspace installs on the write sessions
(review.hooks): the document service asks review.gate before it numbers a decision, and
casework.cases tells review.workflow when a case's details change.
"""

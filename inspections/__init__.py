"""Double-random inspections (双随机、一公开, measure 7): tasks, the reproducible draw of
targets and inspectors, recusals, redraws, results and what is published of them.

Its own room rather than a part of ``disclosure/``: the draw is an enforcement act with its
own rules (certified inspectors, recusals, a witnessed seed); only its publication meets
the disclosure, through ``inspections.publication``.
"""

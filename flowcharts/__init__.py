"""Procedure flowcharts (程序流程图, measure 6) drawn from the definitions the cases run.

    inputs          what a chart is drawn from: resources/casework/procedures.toml (or a
                    copy), the legal review's settings, catalogue and materials
    procedure_chart one chart per procedure: its steps in order, optional steps as a
                    branch, the legal-review gate before the decision
    review_chart    the legal review (法制审核): its states and what moves a case between them
    style           fonts, colours and the title block every chart shares
    render          Graphviz's `dot` to SVG or PNG
    charts          the list of charts and the one call that draws one by its code

Layout is Graphviz's (the `dot` program, apt package graphviz), driven through its Python
binding; every chart names the data it came from (file and SHA-256) in its title.
"""

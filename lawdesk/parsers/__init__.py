"""The command line's parsers for the newer areas, one module each, so that each area's
options live beside nothing else. Like cli.py they import only argparse: `lawdesk --help`
must not pay for the domain packages. Each module has ``add(commands, command, json_flag)``
with the arguments cli.build_parser passes its own sections."""

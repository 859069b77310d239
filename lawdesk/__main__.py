from lawdesk.cli import main

raise SystemExit(main())

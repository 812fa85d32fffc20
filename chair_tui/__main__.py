from chair_tui.cli import main

raise SystemExit(main())

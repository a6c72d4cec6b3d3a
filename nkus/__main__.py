from nkus.cli import main

raise SystemExit(main())

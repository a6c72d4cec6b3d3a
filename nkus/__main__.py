from nkus.entry import main

raise SystemExit(main())

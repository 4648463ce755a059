from facturo_devstack.cli import main

raise SystemExit(main())

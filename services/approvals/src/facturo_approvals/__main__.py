from facturo_approvals.bootstrap import main

main()

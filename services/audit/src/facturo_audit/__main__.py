from facturo_audit.bootstrap import main

main()

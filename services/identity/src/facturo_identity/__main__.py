from facturo_identity.bootstrap import main

main()
